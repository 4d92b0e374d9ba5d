// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../../packages/collector/src/cli/runCli.js';
import { loadConfig } from '../../../../packages/collector/src/config/loadConfig.js';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sabu-init-'));
  file = join(dir, 'sabu.config.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

describe('sabu init', () => {
  it('writes a config that starts: fresh strong keys, the origins given, owner-only', async () => {
    const r = await cli('init', '--config', file, '--origin', 'http://localhost:3000/', '--origin', 'localhost:5173', '--origin', 'http://localhost:3000');
    expect(r.code).toBe(0);
    const c = loadConfig({ file, env: {} });
    const p = c.projects[0]!;
    expect(p.origins).toEqual(['http://localhost:3000', 'http://localhost:5173']);
    expect(p.writeKeys[0]).toMatch(/^wk_[\w-]{32}$/);
    expect(p.readKeys[0]).toMatch(/^rk_[\w-]{32}$/);
    expect(c.port).toBe(4318);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect((await cli('validate', file)).code).toBe(0);
    // Two runs never share a key.
    const other = join(dir, 'other.json');
    await cli('init', '--config', other);
    expect(loadConfig({ file: other, env: {} }).projects[0]!.writeKeys[0]).not.toBe(p.writeKeys[0]);
  });

  it('prints the snippet with the new write key and the collector URL, and the dashboard link with the read key', async () => {
    const r = await cli('init', '--config', file, '--origin', 'http://localhost:3000', '--port', '4400');
    const p = JSON.parse(readFileSync(file, 'utf8')).projects[0];
    expect(r.out).toContain(`<script async src="http://127.0.0.1:4400/sdk/sabu.min.js" data-write-key="${p.writeKeys[0]}" data-endpoint="http://127.0.0.1:4400/v1/batch"></script>`);
    expect(r.out).toContain('!function(w,n){var s=w[n]=w[n]||{q:[]};');
    expect(r.out).toContain(`http://127.0.0.1:4400/dashboard/?key=${p.readKeys[0]}`);
    expect(r.out).toContain('npx sabu start');
    expect(r.out).toContain('npx sabu tail');
  });

  it('keeps an existing file unless --force', async () => {
    writeFileSync(file, '{"mine": true}');
    const r = await cli('init', '--config', file);
    expect(r.code).toBe(1);
    expect(r.err).toContain('already exists');
    expect(r.err).toContain('--force');
    expect(readFileSync(file, 'utf8')).toBe('{"mine": true}');
    expect((await cli('init', '--config', file, '--force')).code).toBe(0);
    expect(loadConfig({ file, env: {} }).projects).toHaveLength(1);
  });

  it('says so when no origin is given (no page could send yet)', async () => {
    const r = await cli('init', '--config', file);
    expect(r.code).toBe(0);
    expect(r.out).toContain('No --origin given');
  });

  it('refuses a bad origin or port as a usage error, writing nothing', async () => {
    for (const args of [['--origin', 'ftp://files.example'], ['--origin', 'http://'], ['--port', '99999'], ['--project', 'Has Spaces']]) {
      const r = await cli('init', '--config', file, ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(existsSync(file)).toBe(false);
    }
  });
});
