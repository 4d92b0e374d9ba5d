// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { collectorConfigSchema } from '../../../packages/collector/src/config/configSchema.js';
import { REPORT_NAMES } from '../../../packages/collector/src/reports/runReport.js';
import { createServer } from '../../../packages/collector/src/server/createServer.js';
import { createDuckDBStore } from '../../../packages/collector/src/store/duckdb/createDuckDBStore.js';
import { createClickHouseStore } from '../../../packages/collector/src/store/clickhouse/createClickHouseStore.js';
import { createChdbExecutor } from '../../../packages/collector/src/store/clickhouse/createChdbExecutor.js';
import type { EventRow } from '../../../packages/collector/src/store/EventRow.js';
import type { Store } from '../../../packages/collector/src/store/Store.js';

/**
 * The class behind issue 11's break 2: for any data ingest accepted (and any rows an
 * older collector may have stored), every report and its CSV answers 200 for every
 * parameter combination. Fixed seed and few runs inside `npm test`; `npm run fuzz` sets
 * SABU_FUZZ_RUNS (and SABU_FUZZ_SEED to explore new cases). One store for all runs: data
 * accumulates, which only makes the stored data more varied.
 */
const RUNS = Number(process.env.SABU_FUZZ_RUNS) || 8;
/** `npm run fuzz` runs hundreds of cases: the time allowed grows with them. */
const TIMEOUT = Math.max(120_000, RUNS * 3_000);
const SEED = Number(process.env.SABU_FUZZ_SEED) || 11;
const WRITE_KEY = 'wk_property_0001_public';
const READ_KEY = 'rk_property_0001_secret';
const BYS = ['signup_week', 'signup_month', 'plan', 'created_at', 'no_such_trait'];

// ---- values with the edges that broke things: huge and negative times, odd strings, unicode
const oddString = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 8 }), // lone surrogates included
  fc.constantFrom('', ' ', '(none)', "'; DROP TABLE events;--", '=HYPERLINK("x")', '\u0000', 'null', 'NaN', '-Infinity', '1e17', 'x'.repeat(300)),
);
const isoIn = (min: string, max: string) => fc.date({ min: new Date(min), max: new Date(max), noInvalidDate: true }).map((d) => d.toISOString());
const anyIso = fc.oneof(isoIn('2025-06-01', '2026-12-31'), isoIn('0000-01-01', '9999-12-31T23:59:59.999Z'));
const timeLike = fc.oneof(
  { arbitrary: fc.constantFrom(1e17, -1e17, 1e308, -1e308, 0, -0, -1, 8.64e15, -8.64e15, 4102444800000, 1767225600, 1767225600000, 9007199254740993), weight: 3 },
  fc.double(),
  fc.integer(),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), // years up to ±275760
  anyIso,
  oddString,
);
const value = fc.oneof(timeLike, oddString, fc.boolean(), fc.constant(null), fc.jsonValue({ maxDepth: 3 }));
const PROP_KEYS = ['checklist', 'item', 'survey', 'kind', 'score', 'comment', 'feature', 'flow', 'last_step', 'reason', 'page', 'selector', 'form', 'last_field', 'name', 'value', 'ttv_ms', 'duration_ms'];
const props = fc.dictionary(fc.oneof(fc.constantFrom(...PROP_KEYS), oddString), fc.oneof(value, fc.constantFrom('nps', 'csat', 'ces', 'onboarding', 'invite', 'LCP')), { maxKeys: 8 });
const traits = fc
  .tuple(fc.record({ plan: value, created_at: timeLike, signed_up_at: timeLike }, { requiredKeys: [] }), fc.dictionary(oddString, value, { maxKeys: 3 }))
  .map(([known, extra]) => ({ ...extra, ...known }));
const EVENTS = ['First Value Reached', 'Report Published', 'Checklist Shown', 'Checklist Item Completed', 'Checklist Completed', 'Checklist Dismissed', 'Survey Answered', 'Survey Comment', 'Feature Used', 'Rage Click', 'Dead Click', 'Error Click', 'Flow Abandoned', 'Form Abandoned', 'Web Vital'];
const person = fc.oneof(fc.constantFrom('u1', 'u2', 'u3', 'a1', 'a2'), oddString.filter((s) => s.length > 0 && s.length <= 200));
const context = fc.record({ groupId: fc.oneof(fc.constantFrom('acct-1', 'acct-2'), oddString), page: fc.record({ url: oddString, path: oddString }) }, { requiredKeys: [] });

const message = fc
  .record({
    type: fc.constantFrom('track', 'track', 'identify', 'identify', 'group', 'page'),
    messageId: fc.uuid(),
    timestamp: anyIso,
    anonymousId: person,
    userId: fc.option(person, { nil: undefined, freq: 4 }),
    event: fc.oneof(fc.constantFrom(...EVENTS), oddString),
    properties: props,
    traits,
    groupId: fc.oneof(fc.constantFrom('acct-1', 'acct-2'), oddString),
    context,
    sentAt: fc.option(anyIso, { nil: undefined }),
  })
  .map(({ type, event, properties, traits: t, groupId, ...m }) => ({
    ...m,
    type,
    ...(type == 'track' ? { event, properties } : type == 'page' ? { properties } : type == 'group' ? { groupId, traits: t } : { traits: t }),
  }));

const day = isoIn('1970-01-01', '2099-12-31');
const params = fc.record(
  {
    by: fc.oneof(fc.constantFrom(...BYS), fc.stringMatching(/^[A-Za-z0-9_.-]{1,64}$/)),
    from: day,
    to: day,
    asOf: fc.oneof(day, isoIn('2026-01-01', '2026-12-31')),
    where: fc.tuple(fc.oneof(fc.constantFrom('plan', 'created_at', 'x'), fc.stringMatching(/^[A-Za-z0-9_.-]{1,64}$/)), fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !/[\n\r\u2028\u2029]/.test(s))).map(([k, v]) => `${k}:${v}`),
    windowDays: fc.integer({ min: 1, max: 365 }).map(String),
  },
  { requiredKeys: [] },
);

/**
 * Both stores. ClickHouse (in-process, chdb) gets fewer runs and no CSV (the CSV is made from
 * the same JSON by the same code): its question is only whether any stored value makes one of
 * its queries fail, and each of its queries costs more on tiny data than DuckDB's.
 */
const STORES = [
  { name: 'duckdb', runs: RUNS, csv: true, open: () => createDuckDBStore(':memory:') },
  { name: 'clickhouse', runs: Number(process.env.SABU_FUZZ_RUNS) || 1, csv: false, open: async () => createClickHouseStore(await createChdbExecutor({ maxThreads: 1 })) },
] as const;

let store: Store;
let app: FastifyInstance;

/** Every report (and its CSV) with these parameters, and ttv / voice with every `by`: each must answer 200. */
async function expectEveryReportAnswers(p: Record<string, string>, csv: boolean) {
  const asks: [string, Record<string, string>][] = [];
  for (const name of REPORT_NAMES) asks.push([name, p], ...(csv ? [[`${name}.csv`, p] as [string, Record<string, string>]] : []));
  for (const by of BYS) for (const name of ['ttv', 'voice']) asks.push([name, { ...p, by }]);
  for (const [name, q] of asks) {
    const res = await app.inject({ method: 'GET', url: `/v1/reports/${name}?${new URLSearchParams(q)}`, headers: { authorization: `Bearer ${READ_KEY}` } });
    // A 400 is a fair answer to parameters that contradict each other; a 5xx never is.
    if (res.statusCode != 200 && !(res.statusCode == 400 && res.json().error == 'invalid_parameters')) {
      throw new Error(`${name} ${JSON.stringify(q)} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
    }
  }
  const project = await app.inject({ method: 'GET', url: '/v1/project', headers: { authorization: `Bearer ${READ_KEY}` } });
  expect(project.statusCode).toBe(200);
}

describe.each(STORES)('reports over any stored data (property), $name store', ({ runs, csv, open }) => {
  beforeAll(async () => {
    store = await open();
    const config = collectorConfigSchema.parse({
      projects: [{ id: 'prop', writeKeys: [WRITE_KEY], readKeys: [READ_KEY], valueEvent: 'Report Published' }],
      rateLimit: { max: 1_000_000, windowMs: 60_000 },
    });
    app = createServer({ config, store });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('answer 200 for every report, CSV and parameter combination after any batch ingest accepted', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(message, { minLength: 1, maxLength: 20 }), params, async (batch, p) => {
        const res = await app.inject({ method: 'POST', url: '/v1/batch', payload: { batch, writeKey: WRITE_KEY } });
        expect([200, 400], res.body.slice(0, 300)).toContain(res.statusCode);
        await expectEveryReportAnswers(p, csv);
      }),
      { seed: SEED, numRuns: runs },
    );
  }, TIMEOUT);

  it('answer 200 over rows an older collector stored without checking times (legacy data)', async () => {
    // Any time DuckDB's TIMESTAMP can hold, straight into the store, past ingest's range check.
    const ms = fc.oneof(fc.integer({ min: -9e15, max: 9e15 }), fc.integer({ min: 1.7e12, max: 1.8e12 }));
    const row = fc.record({
      type: fc.constantFrom<EventRow['type']>('track', 'identify', 'group', 'page'),
      messageId: fc.uuid(),
      event: fc.oneof(fc.constantFrom(...EVENTS), fc.constant(null)),
      anonymousId: person,
      userId: fc.option(person, { nil: null }),
      groupId: fc.option(fc.constantFrom('acct-1', 'acct-2'), { nil: null }),
      timestamp: ms,
      originalTimestamp: ms,
      receivedAt: fc.integer({ min: 1.7e12, max: 1.8e12 }),
      properties: props.map((x) => JSON.stringify(x)),
      traits: traits.map((x) => JSON.stringify(x)),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 20 }), params, async (rows, p) => {
        const full: EventRow[] = rows.map((r) => ({ ...r, projectId: 'prop', sessionId: null, pagePath: null, context: null }));
        // Rows the database itself refuses were never stored: only stored data is the question here.
        await store.insertEvents(full).catch(() => {});
        await expectEveryReportAnswers(p, csv);
      }),
      { seed: SEED, numRuns: runs },
    );
  }, TIMEOUT);
});
