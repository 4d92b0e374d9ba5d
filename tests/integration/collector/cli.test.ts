// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../packages/collector/src/cli/runCli.js';
import { REPORT_NAMES } from '../../../packages/collector/src/reports/runReport.js';
import { READ_KEY, WRITE_KEY, ev, ingest, startTestCollector, type TestCollector } from './helpers.js';

const DAY = 86_400_000;
let dir: string;
let configFile: string;
let server: TestCollector;

async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

beforeAll(async () => {
  // Fill a database through a real server, then stop it so the CLI can open the file.
  server = await startTestCollector();
  const s = (u: string, plan: string, iso: string) => ev({ type: 'identify', user: u, at: iso, traits: { plan, signed_up_at: iso } });
  await ingest(server.url, [
    s('p1', 'pro', '2026-01-05T00:00:00Z'),
    ev({ event: 'First Value Reached', user: 'p1', at: Date.parse('2026-01-05T00:00:00Z') + 2 * DAY }),
    s('f1', 'free', '2026-01-05T00:00:00Z'),
  ]);
  dir = mkdtempSync(join(tmpdir(), 'sabu-cli-'));
  configFile = join(dir, 'sabu.config.json');
  writeFileSync(configFile, JSON.stringify({ database: server.dbPath, projects: [{ id: 'acme', writeKeys: [WRITE_KEY], readKeys: [READ_KEY] }] }));
});
afterAll(async () => {
  await server.stop().catch(() => {});
  rmSync(dir, { recursive: true, force: true });
});

describe('sabu CLI', () => {
  it('prints help for the tool and each command', async () => {
    for (const args of [['--help'], ['start', '--help'], ['report', '--help'], ['validate', '--help']]) {
      const r = await cli(...args);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^sabu/);
    }
    expect((await cli('report', '--help')).out).toContain('--format <f>');
    const bad = await cli('frobnicate');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('unknown command "frobnicate"');
  });

  it('reports TTV by plan as a table, JSON and CSV against a running collector', async () => {
    const asOf = '2026-01-15T00:00:00Z';
    const table = await cli('report', 'ttv', '--by', 'plan', '--as-of', asOf, '--url', server.url, '--key', READ_KEY);
    expect(table.code).toBe(0);
    expect(table.out.split('\n')[0]).toMatch(/^cohort\s+users\s+reached\s+censored/);
    expect(table.out).toMatch(/\npro\s+1\s+1\s+0\s+0\s+100\s+100\s+100\s+2\s+2\n/);
    const json = JSON.parse((await cli('report', 'ttv', '--by', 'plan', '--as-of', asOf, '--format', 'json', '--url', server.url, '--key', READ_KEY)).out);
    expect(json.cohorts.map((c: any) => [c.cohort, c.users, c.medianMs])).toEqual([['free', 1, null], ['pro', 1, 2 * DAY]]);
  });

  it('reads the database file directly when no server holds it', async () => {
    await server.close();
    const csv = await cli('report', 'ttv', '--by', 'plan', '--as-of', '2026-01-15T00:00:00Z', '--format', 'csv', '--config', configFile);
    expect(csv.code).toBe(0);
    expect(csv.out).toBe(
      'cohort,users,reached,censored,within_1d_%,within_7d_%,within_14d_%,within_30d_%,median_days,p75_days\nfree,1,0,1,0,0,0,0,,\npro,1,1,0,0,100,100,100,2,2\n',
    );
  });

  it('prints every report as a table, CSV and JSON', async () => {
    for (const name of REPORT_NAMES) {
      for (const format of ['table', 'csv', 'json']) {
        const r = await cli('report', name, '--format', format, '--as-of', '2026-01-15T00:00:00Z', '--config', configFile);
        expect({ name, format, code: r.code, err: r.err }).toEqual({ name, format, code: 0, err: '' });
        expect(r.out.length).toBeGreaterThan(10);
      }
    }
  });

  it('explains bad input with the fix', async () => {
    expect((await cli('report', 'ttv', '--format', 'xml', '--config', configFile)).err).toContain('--format must be table, json or csv');
    expect((await cli('report', 'nope', '--config', configFile)).err).toContain('name a report: ttv, checklists');
    const bad = await cli('report', 'ttv', '--from', 'someday', '--config', configFile);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/from: expected a date/);
    writeFileSync(join(dir, 'broken.json'), JSON.stringify({ projects: [{ id: 'acme' }] }));
    const cfg = await cli('report', 'ttv', '--config', join(dir, 'broken.json'));
    expect(cfg.code).toBe(1);
    expect(cfg.err).toContain('projects[0].writeKeys');
  });

  it('loads labelled synthetic demo data', async () => {
    const db = join(dir, 'demo.duckdb');
    const r = await cli('demo-data', '--users', '40', '--weeks', '2', '--db', db, '--config', configFile);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^loaded \d+ synthetic events \(ids "demo-…"\)/);
    const ttv = JSON.parse((await cli('report', 'ttv', '--format', 'json', '--db', db, '--config', configFile)).out);
    expect(ttv.cohorts.reduce((a: number, c: any) => a + c.users, 0)).toBe(40);
  });

  it('validates files, exiting 1 with field paths on problems', async () => {
    const good = join(dir, 'batch.json');
    writeFileSync(good, JSON.stringify({ batch: [{ type: 'track', event: 'E', messageId: 'm', timestamp: '2026-01-01T00:00:00Z', anonymousId: 'a' }] }));
    expect(await cli('validate', good)).toMatchObject({ code: 0, out: `${good}: valid batch\n` });
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ batch: [{ type: 'track', messageId: 'm', timestamp: '2026-01-01T00:00:00Z', anonymousId: 'a' }] }));
    const r = await cli('validate', bad);
    expect(r.code).toBe(1);
    expect(r.err).toContain('batch[0].event:');
    expect((await cli('validate')).code).toBe(2);
  });
});
