// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../packages/collector/src/cli/runCli.js';
import { READ_KEY, WRITE_KEY } from './helpers.js';

/**
 * Issue 11, break 7: a port in use or a bad host printed a raw stack, and a database path
 * that cannot be used hung (a FIFO blocks DuckDB's open forever). Each is now one line
 * naming what to change, exit code 1, and nothing keeps running.
 */
let dir: string;
let config: string;
let busy: Server;
let busyPort: number;

async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sabu-start-'));
  config = join(dir, 'sabu.config.json');
  writeFileSync(config, JSON.stringify({ database: join(dir, 'ok.duckdb'), projects: [{ id: 'acme', writeKeys: [WRITE_KEY], readKeys: [READ_KEY] }] }));
  busy = createServer();
  await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
  busyPort = (busy.address() as { port: number }).port;
});
afterAll(() => {
  busy.close();
  rmSync(dir, { recursive: true, force: true });
});

function expectOneLine(r: { code: number; err: string }, pattern: RegExp) {
  expect(r.code).toBe(1);
  expect(r.err).toMatch(pattern);
  expect(r.err.trim().split('\n')).toHaveLength(1);
  expect(r.err).not.toMatch(/\n\s+at /);
}

describe('sabu start: errors the user fixes outside the code', () => {
  it('a port in use: one line naming the address and how to pick another', async () => {
    const r = await cli('start', '--config', config, '--port', String(busyPort));
    expectOneLine(r, new RegExp(`^\\[sabu\\] cannot listen on 127\\.0\\.0\\.1:${busyPort}: the port is in use .*--port`));
    // The database was closed again: the next start can open it.
    const again = await cli('start', '--config', config, '--port', String(busyPort));
    expect(again.err).toMatch(/the port is in use/);
  });

  it('a host that is not this machine, or not a host at all', async () => {
    expectOneLine(await cli('start', '--config', config, '--host', '192.0.2.1', '--port', '0'), /^\[sabu\] cannot listen on 192\.0\.2\.1:0: this machine has no such address/);
    const url = await cli('start', '--config', config, '--host', 'http://127.0.0.1:4318/');
    expect(url.code).toBe(1);
    expect(url.err).toMatch(/host: expected an address or host name such as 127\.0\.0\.1/);
  });

  it('a database path that cannot be used fails fast, naming the path', async () => {
    writeFileSync(join(dir, 'afile'), 'x');
    mkdirSync(join(dir, 'afolder'));
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    writeFileSync(join(dir, 'notduck.duckdb'), 'not a database, just text'.repeat(1000));
    const cases: [string, RegExp][] = [
      [join(dir, 'afile', 'sub', 'x.duckdb'), /its folder cannot be created \(ENOTDIR/],
      [join(dir, 'afolder'), /it is a folder, not a file/],
      [join(dir, 'fifo'), /it is not a regular file/],
      [join(dir, 'notduck.duckdb'), /cannot open the database ".*notduck\.duckdb": /],
    ];
    for (const [db, why] of cases) {
      const t = Date.now();
      const r = await cli('start', '--config', config, '--port', '0', '--db', db);
      expectOneLine(r, why);
      expect(r.err).toContain(db);
      expect(Date.now() - t).toBeLessThan(5000);
    }
  });
});
