// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createDuckDBStore } from '../../../../packages/collector/src/store/duckdb/createDuckDBStore.js';
import { createClickHouseStore } from '../../../../packages/collector/src/store/clickhouse/createClickHouseStore.js';
import { createChdbExecutor } from '../../../../packages/collector/src/store/clickhouse/createChdbExecutor.js';
import { createChWriter } from '../../../../packages/collector/src/store/clickhouse/createChWriter.js';
import { CH_META_TABLE, CH_MIGRATIONS } from '../../../../packages/collector/src/store/clickhouse/migrations.js';
import type { ClickHouseExecutor } from '../../../../packages/collector/src/store/clickhouse/ClickHouseExecutor.js';
import type { Store } from '../../../../packages/collector/src/store/Store.js';
import type { EventRow } from '../../../../packages/collector/src/store/EventRow.js';
import { eventRow, identityColumns } from './eventRow.js';
import type { TtvQuery } from '../../../../packages/collector/src/store/queryTypes.js';

/**
 * Issue 16 on ClickHouse: the person summaries (`event_sources`, `person_facts`) are kept
 * by materialized views on `events`. A retried batch must leave them as they were, a
 * database from before them must get them filled from its events by `sabu migrate`, and the
 * TTV subjects read from them must be DuckDB's on the same rows.
 */
const T = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;

const row = (messageId: string, o: Partial<EventRow>): EventRow => eventRow(messageId, T, o);

/** The summaries as reports read them: pairs folded by min, copies de-duplicated by FINAL. */
const SOURCES_SQL = `SELECT project_id, anonymous_id, user_id, min(first_seen) AS t FROM event_sources GROUP BY ALL ORDER BY ALL`;
const FACTS_SQL = `SELECT message_id, type, ts, signed_up, ttv_ms FROM person_facts FINAL ORDER BY message_id`;

/** The TTV subjects at several "now"s (one before most events), by week and by trait, with and without a value event. */
async function ttvAll(store: Store) {
  const out = [];
  for (const asOf of [T - 1, T + 2 * DAY, T + 40 * DAY]) {
    for (const by of ['signup_week', 'plan']) {
      for (const valueEvent of [undefined, 'Done']) {
        const q: TtvQuery = { projectId: 'p', asOf, by, valueEvent };
        out.push(await store.ttvSubjects(q));
      }
    }
    out.push(await store.ttvSubjects({ projectId: 'p', asOf, by: 'signup_month', where: ['plan', 'pro'], from: T, to: T + 30 * DAY }));
  }
  return out;
}

async function duckTtv(rows: EventRow[][]) {
  const duck = await createDuckDBStore(':memory:');
  try {
    for (const b of rows) await duck.insertEvents(b);
    return await ttvAll(duck);
  } finally {
    await duck.close();
  }
}

/** A few people: identify calls (signup as ISO, epoch seconds, out of range), value reached, a link made late. */
const PEOPLE_ROWS = (): EventRow[] => [
  row('o1', { anonymousId: 'a1', timestamp: T + 3 * DAY }),
  row('o2', { type: 'identify', event: null, anonymousId: 'a1', userId: 'u1', timestamp: T + 2 * DAY, receivedAt: T + 5 * DAY, traits: JSON.stringify({ plan: 'pro', created_at: '2026-01-02T00:00:00Z' }) }),
  row('o3', { anonymousId: null, userId: 'u1', timestamp: T + 4 * DAY, event: 'First Value Reached', properties: JSON.stringify({ ttv_ms: 2 * DAY }) }),
  // A time outside 1970–2100: reports read its receive time, and so do the summaries.
  row('o4', { anonymousId: 'a2', timestamp: 5e15, receivedAt: T + DAY }),
  row('o5', { type: 'identify', event: null, anonymousId: 'a2', userId: 'u2', timestamp: T + 6 * DAY, traits: JSON.stringify({ plan: 'free', signed_up_at: Math.floor((T + DAY) / 1000) }) }),
  row('o6', { userId: 'u2', timestamp: T + 9 * DAY, event: 'Done' }),
  row('o7', { type: 'identify', event: null, anonymousId: 'a3', userId: 'u3', timestamp: T + 7 * DAY, traits: JSON.stringify({ created_at: 1e17 }) }),
];

const EXPECTED_SOURCES = [
  { project_id: 'p', anonymous_id: '', user_id: 'u1', t: T + 4 * DAY },
  { project_id: 'p', anonymous_id: '', user_id: 'u2', t: T + 9 * DAY },
  { project_id: 'p', anonymous_id: 'a1', user_id: '', t: T + 3 * DAY },
  { project_id: 'p', anonymous_id: 'a1', user_id: 'u1', t: T + 2 * DAY },
  { project_id: 'p', anonymous_id: 'a2', user_id: '', t: T + DAY },
  { project_id: 'p', anonymous_id: 'a2', user_id: 'u2', t: T + 6 * DAY },
  { project_id: 'p', anonymous_id: 'a3', user_id: 'u3', t: T + 7 * DAY },
];
const EXPECTED_FACTS = [
  { message_id: 'o2', type: 'identify', ts: T + 2 * DAY, signed_up: Date.UTC(2026, 0, 2), ttv_ms: null },
  { message_id: 'o3', type: 'track', ts: T + 4 * DAY, signed_up: null, ttv_ms: 2 * DAY },
  { message_id: 'o5', type: 'identify', ts: T + 6 * DAY, signed_up: T + DAY, ttv_ms: null },
  { message_id: 'o7', type: 'identify', ts: T + 7 * DAY, signed_up: null, ttv_ms: null },
];

/** A database as a collector from before the summaries left it: schema 1, events written by its writer. */
async function schemaOneDatabase(x: ClickHouseExecutor, rows: EventRow[]) {
  await x.command(CH_META_TABLE);
  for (const s of CH_MIGRATIONS[0]!) await x.command(s);
  await x.insert('sabu_meta', [{ key: 'schema_version', value: '1' }]);
  const writer = createChWriter(x, 0);
  await writer.write(rows);
  await writer.idle();
}

describe('ClickHouse person summaries (event_sources, person_facts)', () => {
  it('upgrade: a database at schema 1 gets both filled from its events, and new events feed them', async () => {
    const x = await createChdbExecutor({ maxThreads: 1 });
    await schemaOneDatabase(x, PEOPLE_ROWS());
    const store = await createClickHouseStore(x);
    try {
      expect(await store.querySql(SOURCES_SQL)).toEqual(EXPECTED_SOURCES);
      expect(await store.querySql(FACTS_SQL)).toEqual(EXPECTED_FACTS);
      expect(await ttvAll(store)).toEqual(await duckTtv([PEOPLE_ROWS()]));
      // After the migration, the views keep them: an earlier event of u3, a value reached.
      const later = [row('n1', { anonymousId: 'a3', userId: 'u3', timestamp: T + DAY }), row('n2', { userId: 'u3', timestamp: T + 8 * DAY, event: 'First Value Reached' })];
      await store.insertEvents(later);
      expect((await store.querySql(SOURCES_SQL)).filter((r) => r.user_id == 'u3')).toEqual([
        { project_id: 'p', anonymous_id: '', user_id: 'u3', t: T + 8 * DAY },
        { project_id: 'p', anonymous_id: 'a3', user_id: 'u3', t: T + DAY },
      ]);
      expect((await store.querySql(FACTS_SQL)).map((r) => r.message_id)).toEqual(['n2', 'o2', 'o3', 'o5', 'o7']);
      expect(await ttvAll(store)).toEqual(await duckTtv([PEOPLE_ROWS(), later]));
    } finally {
      await store.close();
    }
  }, 60_000);

  it('a migration run twice (two collectors starting at once, or one interrupted) counts nothing twice', async () => {
    const x = await createChdbExecutor({ maxThreads: 1 });
    await schemaOneDatabase(x, PEOPLE_ROWS());
    // The step again, as a second collector would run it.
    for (const s of CH_MIGRATIONS[1]!) await x.command(s);
    const store = await createClickHouseStore(x);
    try {
      expect(await store.querySql(SOURCES_SQL)).toEqual(EXPECTED_SOURCES);
      expect(await store.querySql(FACTS_SQL)).toEqual(EXPECTED_FACTS);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('a retried batch (the same messages, received later) leaves the summaries and the TTV subjects as they were', async () => {
    const store = await createClickHouseStore(await createChdbExecutor({ maxThreads: 1 }));
    try {
      await store.insertEvents(PEOPLE_ROWS());
      const before = { sources: await store.querySql(SOURCES_SQL), facts: await store.querySql(FACTS_SQL), ttv: await ttvAll(store) };
      expect(before.sources).toEqual(EXPECTED_SOURCES);
      expect(before.facts).toEqual(EXPECTED_FACTS);
      for (let i = 1; i <= 2; i++) await store.insertEvents(PEOPLE_ROWS().map((r) => ({ ...r, receivedAt: r.receivedAt + i * DAY })));
      expect({ sources: await store.querySql(SOURCES_SQL), facts: await store.querySql(FACTS_SQL), ttv: await ttvAll(store) }).toEqual(before);
      // Not folded by a merge yet: the reads do the folding.
      const [stored] = (await store.querySql('SELECT count() AS n FROM person_facts')) as { n: number }[];
      expect(stored?.n).toBeGreaterThan(EXPECTED_FACTS.length);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('TTV subjects equal DuckDB\'s after out-of-order, retried and identity-stitched events (property)', async () => {
    const id = fc.constantFrom('a1', 'a2', 'a3', 'a4');
    const user = fc.constantFrom('u1', 'u2', 'u3');
    const event = fc.record({
      type: fc.constantFrom('track', 'identify', 'alias', 'page'),
      event: fc.constantFrom('E', 'First Value Reached', 'Done'),
      anonymousId: fc.option(id, { nil: null, freq: 5 }),
      userId: fc.option(user, { nil: null, freq: 2 }),
      previousId: id,
      offset: fc.oneof({ arbitrary: fc.integer({ min: -5 * DAY, max: 60 * DAY }), weight: 9 }, { arbitrary: fc.constant(Number.NaN), weight: 1 }),
      received: fc.integer({ min: 0, max: 60 * DAY }),
      plan: fc.constantFrom(undefined, 'free', 'pro'),
      signup: fc.constantFrom(undefined, 'iso', 'ms', 's', 'junk'),
      retried: fc.boolean(),
    });
    const toRow = (e: typeof event extends fc.Arbitrary<infer G> ? G : never, messageId: string): EventRow => {
      const t = T + e.received - DAY;
      const signup = e.signup == 'iso' ? { created_at: new Date(t).toISOString() } : e.signup == 'ms' ? { signed_up_at: t } : e.signup == 's' ? { created_at: Math.floor(t / 1000) } : e.signup == 'junk' ? { created_at: 'last tuesday' } : {};
      return row(messageId, {
        ...identityColumns(e),
        timestamp: Number.isNaN(e.offset) ? -1e15 : T + e.offset,
        originalTimestamp: T + (Number.isNaN(e.offset) ? 0 : e.offset),
        receivedAt: T + e.received,
        traits: e.type == 'identify' ? JSON.stringify({ ...(e.plan ? { plan: e.plan } : {}), ...signup }) : null,
        properties: e.event == 'First Value Reached' ? JSON.stringify({ ttv_ms: e.received }) : null,
      });
    };
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(event, { minLength: 1, maxLength: 10 }), { minLength: 1, maxLength: 5 }), async (batches) => {
        let n = 0;
        const sent = batches.map((b) => b.map((e) => ({ e, r: toRow(e, `m${n++}`) })));
        // Retries come after their original (a later receive time), as a client's do.
        const retries = sent.map((b) => b.filter((s) => s.e.retried).map((s) => ({ ...s.r, receivedAt: s.r.receivedAt + DAY }))).filter((b) => b.length);
        const rows = [...sent.map((b) => b.map((s) => s.r)), ...retries];
        const store = await createClickHouseStore(await createChdbExecutor({ maxThreads: 1 }));
        try {
          for (const b of rows) await store.insertEvents(b);
          expect(await ttvAll(store)).toEqual(await duckTtv(rows));
        } finally {
          await store.close();
        }
      }),
      // Each run makes a ClickHouse database and asks 15 TTV queries (~2 s): a few here, more with SABU_FUZZ_RUNS=N.
      { numRuns: Number(process.env.SABU_FUZZ_RUNS ?? 3) },
    );
  }, 120_000);
});
