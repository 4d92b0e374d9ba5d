// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectorConfigSchema } from '../../../packages/collector/src/config/configSchema.js';
import { checkCollectorConfig } from '../../../packages/collector/src/config/checkCollectorConfig.js';
import { generateKey } from '../../../packages/collector/src/config/generateKey.js';
import { createServer } from '../../../packages/collector/src/server/createServer.js';
import { createHttpExecutor } from '../../../packages/collector/src/store/clickhouse/createHttpExecutor.js';
import { createClickHouseStore } from '../../../packages/collector/src/store/clickhouse/createClickHouseStore.js';
import { runCli } from '../../../packages/collector/src/cli/runCli.js';
import { READ_KEY, WRITE_KEY } from './helpers.js';
import { ttvFixture } from './fixtures/reportFixtures.js';
import { startChdbHttpServer } from '../../../packages/collector/src/store/clickhouse/startChdbHttpServer.js';
import { CH_MIGRATIONS } from '../../../packages/collector/src/store/clickhouse/migrations.js';

/**
 * The production path to ClickHouse: @clickhouse/client over HTTP (createHttpExecutor),
 * the CLI's `--store clickhouse`, and `sabu migrate`. In `npm test` the server is the
 * ClickHouse engine behind its HTTP interface on 127.0.0.1 (store/clickhouse/startChdbHttpServer.ts);
 * with SABU_CLICKHOUSE_URL set to a real server on a loopback address (e.g. the compose
 * file in examples/clickhouse), the store part also runs against that server.
 */
const REAL = process.env.SABU_CLICKHOUSE_URL;
const REAL_OK = !!REAL && /^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\/?$/.test(REAL);
const AS_OF = '2026-03-01T00:00:00.000Z';

async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

/** Ingest (twice: a retried batch) and a report through a collector on the HTTP store. */
async function ingestAndReport(url: string, database: string) {
  const store = await createClickHouseStore(await createHttpExecutor({ url, database }));
  const config = collectorConfigSchema.parse({ projects: [{ id: 'acme', writeKeys: [WRITE_KEY], readKeys: [READ_KEY], valueEvent: 'Report Published' }] });
  const app = createServer({ config, store });
  try {
    const batch = ttvFixture();
    for (let i = 0; i < 2; i++) {
      const res = await app.inject({ method: 'POST', url: '/v1/batch', payload: { batch, writeKey: WRITE_KEY } });
      expect(res.statusCode, res.body).toBe(200);
    }
    expect(await store.countEvents('acme')).toBe(batch.length);
    const res = await app.inject({ method: 'GET', url: `/v1/reports/ttv?asOf=${AS_OF}`, headers: { authorization: `Bearer ${READ_KEY}` } });
    // The numbers reports.test.ts works out by hand for this fixture.
    expect(res.json().cohorts.map((c: any) => [c.cohort, c.users, c.reached, c.medianMs])).toEqual([
      ['2026-01-05', 4, 3, 3 * 86_400_000],
      ['2026-02-23', 3, 1, null],
    ]);
  } finally {
    await app.close();
    await store.close();
  }
}

describe('ClickHouse over HTTP (the engine behind its HTTP interface on 127.0.0.1)', () => {
  let server: Awaited<ReturnType<typeof startChdbHttpServer>>;
  let dir: string;
  let config: string;
  beforeAll(async () => {
    server = await startChdbHttpServer({ maxThreads: 1 });
    dir = mkdtempSync(join(tmpdir(), 'sabu-ch-'));
    config = join(dir, 'sabu.config.json');
    writeFileSync(config, JSON.stringify({ store: 'clickhouse', clickhouse: { url: server.url, database: 'sabu_cli' }, projects: [{ id: 'acme', writeKeys: [WRITE_KEY], readKeys: [READ_KEY] }] }));
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the database, acknowledges batches once stored, counts a retried batch once, reports', async () => {
    await ingestAndReport(server.url, 'sabu_http');
    expect(server.requests()).toBeGreaterThan(5);
  }, 60_000);

  it('no 2xx for a batch ClickHouse did not store: the insert fails, the SDK gets a 500 and retries', async () => {
    const x = await createHttpExecutor({ url: server.url, database: 'sabu_refuse' });
    const store = await createClickHouseStore(x);
    const config = collectorConfigSchema.parse({ projects: [{ id: 'acme', writeKeys: [WRITE_KEY], readKeys: [READ_KEY] }] });
    const app = createServer({ config, store });
    try {
      // The table disappears under the running collector (a botched manual change, a full disk…).
      await x.command('DROP TABLE events');
      const res = await app.inject({ method: 'POST', url: '/v1/batch', payload: { batch: ttvFixture().slice(0, 3), writeKey: WRITE_KEY } });
      expect(res.statusCode).toBe(500);
      expect(res.json().error).toBe('internal_error');
    } finally {
      await app.close();
      await store.close();
    }
  }, 60_000);

  it('sabu migrate creates the schema once, then says it is up to date', async () => {
    const latest = CH_MIGRATIONS.length;
    expect(await cli('migrate', '--config', config)).toEqual({ code: 0, out: expect.stringMatching(new RegExp(`sabu_cli: schema 0 → ${latest}\n$`)), err: '' });
    expect(await cli('migrate', '--config', config)).toEqual({ code: 0, out: expect.stringMatching(new RegExp(`sabu_cli: schema ${latest}, up to date\n$`)), err: '' });
  }, 60_000);

  it('sabu demo-data and sabu report read and write the configured ClickHouse', async () => {
    const loaded = await cli('demo-data', '--config', config, '--users', '40', '--weeks', '2');
    expect(loaded.out).toMatch(/^loaded \d+ synthetic events .* into ClickHouse http:\/\/127\.0\.0\.1:\d+\/sabu_cli\n$/);
    const r = await cli('report', 'ttv', '--config', config, '--format', 'json');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).cohorts.reduce((n: number, c: any) => n + c.users, 0)).toBe(40);
  }, 60_000);

  it('--store clickhouse --clickhouse-url from the command line; an unreachable server is one line naming it', async () => {
    const r = await cli('start', '--config', join(dir, 'none.json'), '--store', 'clickhouse', '--clickhouse-url', 'http://127.0.0.1:9');
    // No projects in the environment: the config error comes first and names what is missing.
    expect(r.code).toBe(1);
    const file = join(dir, 'duck.json');
    writeFileSync(file, JSON.stringify({ projects: [{ id: 'acme', writeKeys: [WRITE_KEY], readKeys: [READ_KEY] }] }));
    const down = await cli('migrate', '--config', file, '--store', 'clickhouse', '--clickhouse-url', 'http://127.0.0.1:9');
    expect(down.code).toBe(1);
    expect(down.err).toMatch(/^\[sabu\] cannot reach ClickHouse at http:\/\/127\.0\.0\.1:9\/sabu: .*\n$/);
  }, 60_000);

  it('the example config next to the compose file is valid once its placeholder keys are replaced', () => {
    const example = JSON.parse(readFileSync('examples/clickhouse/sabu.config.json', 'utf8'));
    const asShipped = checkCollectorConfig(example);
    expect(!asShipped.ok && asShipped.problems.every((p) => /placeholder/.test(p))).toBe(true);
    example.projects[0].writeKeys = [generateKey('write')];
    example.projects[0].readKeys = [generateKey('read')];
    const r = checkCollectorConfig(example);
    expect(r.ok && [r.config.store, r.config.clickhouse?.url, r.config.clickhouse?.username]).toEqual(['clickhouse', 'http://127.0.0.1:8123', 'sabu']);
  });

  it('a store typo is named with the nearest choice', async () => {
    const file = join(dir, 'typo.json');
    writeFileSync(file, JSON.stringify({ store: 'clickhose', projects: [{ id: 'acme', writeKeys: [WRITE_KEY], readKeys: [READ_KEY] }] }));
    const r = await cli('migrate', '--config', file);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/store: .*did you mean "clickhouse"\?/);
    const missing = await cli('migrate', '--config', file, '--store', 'clickhouse');
    expect(missing.err).toMatch(/clickhouse: store "clickhouse" needs the server/);
  });
});

describe.skipIf(!REAL_OK)('ClickHouse server at SABU_CLICKHOUSE_URL (loopback only; unset: skipped)', () => {
  it('the HTTP store against the real server', async () => {
    const database = `sabu_test_${process.pid}`;
    await ingestAndReport(REAL!, database);
    const x = await createHttpExecutor({ url: REAL!, database });
    await x.command(`DROP DATABASE IF EXISTS ${database}`);
    await x.close();
  }, 120_000);
});
