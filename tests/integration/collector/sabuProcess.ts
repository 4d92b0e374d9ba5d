import { afterEach, beforeAll } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { READ_KEY, WRITE_KEY } from './helpers.js';

const BIN = 'packages/collector/bin/sabu.mjs';

/**
 * The real `sabu start` (the built CLI) in a child process, so a test can kill it as
 * production would (SIGKILL, SIGTERM). Registers its own hooks: the process is killed and
 * its folder removed after each test.
 */
export function useSabuProcess() {
  let child: ChildProcess | undefined;
  let dir: string | undefined;
  beforeAll(() => {
    if (!existsSync('packages/collector/dist/index.js')) throw new Error('run "npm run build" first: this test starts the built sabu CLI');
  });
  afterEach(() => {
    child?.kill('SIGKILL');
    child = undefined;
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  return {
    /** A fresh folder holding a config for one project on `events.duckdb` there. */
    prepare(rateLimit: number): { db: string; config: string } {
      dir = mkdtempSync(join(tmpdir(), 'sabu-process-'));
      const db = join(dir, 'events.duckdb');
      const config = join(dir, 'sabu.config.json');
      writeFileSync(config, JSON.stringify({ port: 0, database: db, projects: [{ id: 'acme', writeKeys: [WRITE_KEY], readKeys: [READ_KEY] }], rateLimit: { max: rateLimit } }));
      return { db, config };
    },
    /** Starts `sabu start --config config`; resolves with its URL once it listens. */
    async start(config: string): Promise<{ url: string; exited: Promise<number | null> }> {
      const c = (child = spawn(process.execPath, [BIN, 'start', '--config', config], { stdio: ['ignore', 'pipe', 'pipe'] }));
      const exited = new Promise<number | null>((resolve) => c.on('exit', (code) => resolve(code)));
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        c.stdout!.on('data', (d) => {
          out += d;
          const m = /collector on (http:\/\/[\d.:]+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        c.stderr!.on('data', (d) => (out += d));
        c.on('exit', () => reject(new Error(`collector exited early:\n${out}`)));
      });
      return { url, exited };
    },
    kill: (signal: NodeJS.Signals) => child?.kill(signal),
  };
}
