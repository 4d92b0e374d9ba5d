// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../packages/collector/src/cli/runCli.js';
import { READ_KEY, WRITE_KEY, ev, ingest } from './helpers.js';

/**
 * The CLI beside a running `sabu start` (a real child process holding the DuckDB file, as
 * in production): report, tail, and reading a database without a config.
 */
const BIN = 'packages/collector/bin/sabu.mjs';
const DAY = 86_400_000;
let dir: string;
let config: string;
let db: string;
let url: string;
let child: ChildProcess;
let startOut = '';

async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

async function until(f: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!f() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

beforeAll(async () => {
  if (!existsSync('packages/collector/dist/index.js')) throw new Error('run "npm run build" first: this test starts the built sabu CLI');
  dir = mkdtempSync(join(tmpdir(), 'sabu-cli-live-'));
  db = join(dir, 'events.duckdb');
  config = join(dir, 'sabu.config.json');
  const port = await freePort();
  writeFileSync(config, JSON.stringify({ port, database: db, projects: [{ id: 'acme', writeKeys: [WRITE_KEY], readKeys: [READ_KEY] }] }));
  child = spawn(process.execPath, [BIN, 'start', '--config', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (c) => {
      startOut += c;
      if (startOut.includes('sabu tail')) resolve(/collector on (http:\/\/[\d.:]+)/.exec(startOut)![1]!);
    });
    child.stderr!.on('data', (c) => (startOut += c));
    child.on('exit', () => reject(new Error(`collector exited early:\n${startOut}`)));
  });
  const signup = (u: string, plan: string) => ev({ type: 'identify', user: u, at: '2026-01-05T00:00:00Z', traits: { plan, signed_up_at: '2026-01-05T00:00:00Z' } });
  await ingest(url, [signup('p1', 'pro'), ev({ event: 'First Value Reached', user: 'p1', at: Date.parse('2026-01-05T00:00:00Z') + 2 * DAY }), signup('f1', 'free')]);
}, 60_000); // a Node process start and a DuckDB migration: seconds on a busy machine
afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('the CLI while sabu start runs', () => {
  it('sabu start prints the snippet to paste: the SDK from itself, the project write key', () => {
    expect(startOut).toContain(`<script async src="${url}/sdk/sabu.min.js" data-write-key="${WRITE_KEY}" data-endpoint="${url}/v1/batch"></script>`);
    expect(startOut).toContain(`${url}/dashboard/`);
    // The secret read key stays out of a log that `start` writes on every boot.
    expect(startOut).not.toContain(READ_KEY);
  });

  it('sabu report asks the running collector instead of failing on the database lock', async () => {
    const r = await cli('report', 'ttv', '--by', 'plan', '--as-of', '2026-01-15T00:00:00Z', '--format', 'json', '--config', config);
    expect(r.err).toMatch(/is in use by process \d+; asking the running collector at http/);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.cohorts.map((c: any) => [c.cohort, c.users, c.reached])).toEqual([['free', 1, 0], ['pro', 1, 1]]);
  });

  it('sabu report --db on a held file, without a config, says how to ask the server', async () => {
    const r = await cli('report', 'ttv', '--db', db);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/in use by process \d+.*--url http:\/\/127\.0\.0\.1:4318 --key <readKey>/);
  });

  it('sabu tail prints events as they arrive, filtered, and stops cleanly', async () => {
    const ac = new AbortController();
    let out = '';
    let err = '';
    const done = runCli(['tail', '--config', config, '--event', 'Report Created', '--limit', '0'], { out: (s) => (out += s), err: (s) => (err += s), signal: ac.signal });
    await new Promise((r) => setTimeout(r, 300));
    await ingest(url, [
      ev({ event: 'Report Created', user: 'p1', at: Date.now(), path: '/app/reports', props: { rows: 120 } }),
      ev({ event: 'Something Else', user: 'p1', at: Date.now() }),
    ]);
    const until = Date.now() + 5000;
    while (!out.includes('Report Created') && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    ac.abort();
    expect(await done).toBe(0);
    expect(err).toContain(`Following ${url}`);
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3}  Report Created\s+p1\s+\/app\/reports\s+\{"rows":120\}$/);
  });

  it('sabu tail shows the backlog first, then only new events', async () => {
    const ac = new AbortController();
    let out = '';
    const done = runCli(['tail', '--url', url, '--key', READ_KEY, '--limit', '2'], { out: (s) => (out += s), err: () => {}, signal: ac.signal });
    await new Promise((r) => setTimeout(r, 300));
    expect(out.trim().split('\n')).toHaveLength(2);
    await ingest(url, [ev({ event: 'Later', user: 'p1', at: Date.now() })]);
    const until = Date.now() + 5000;
    while (!out.includes('Later') && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    ac.abort();
    await done;
    expect(out.trim().split('\n')).toHaveLength(3);
  });

  it('sabu tail --format json prints one parsable object per event', async () => {
    const ac = new AbortController();
    let out = '';
    const done = runCli(['tail', '--url', url, '--key', READ_KEY, '--limit', '3', '--format', 'json'], { out: (s) => (out += s), err: () => {}, signal: ac.signal });
    await until(() => out.split('\n').length > 3);
    ac.abort();
    await done;
    const lines = out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    for (const e of lines) expect(Object.keys(e)).toEqual(expect.arrayContaining(['receivedAt', 'type', 'event', 'userId', 'anonymousId', 'page', 'properties']));
    expect((await cli('tail', '--url', url, '--key', READ_KEY, '--format', 'csv')).code).toBe(2);
  });

  it('sabu tail with a wrong key is a clear error, not a retry loop', async () => {
    const r = await cli('tail', '--url', url, '--key', 'rk_wrong_key_0000');
    expect(r.code).toBe(2);
    expect(r.err).toContain('401');
  });
});

describe('the CLI without a config', () => {
  it('sabu report --db reads a database file alone, once no server holds it', async () => {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    const r = await cli('report', 'ttv', '--by', 'plan', '--as-of', '2026-01-15T00:00:00Z', '--format', 'csv', '--db', db);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[2]).toBe('pro,1,1,0,0,100,100,100,2,2');
    const wrong = await cli('report', 'ttv', '--db', db, '--project', 'other');
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('projects: acme');
    expect((await cli('report', 'ttv', '--db', join(dir, 'missing.duckdb'))).code).toBe(2);
  });
});
