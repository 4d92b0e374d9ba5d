// @vitest-environment node
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { createDuckDBStore } from '../../../../packages/collector/src/store/duckdb/createDuckDBStore.js';
import { SUMMARIES_FROM_EVENTS } from '../../../../packages/collector/src/store/duckdb/summaries.js';
import { MIGRATIONS } from '../../../../packages/collector/src/store/duckdb/migrations.js';
import type { Store } from '../../../../packages/collector/src/store/Store.js';
import type { EventRow } from '../../../../packages/collector/src/store/EventRow.js';
import { eventRow } from './eventRow.js';
import type { TtvQuery } from '../../../../packages/collector/src/store/queryTypes.js';

/**
 * Issue 16: the person summaries (`event_sources`, first seen per anonymous id / user id
 * pair; `person_facts`, identify calls and First Value Reached) are kept by the writer at
 * each commit. Whatever the order, repetition and
 * identity stitching of the events, it must hold what a computation from scratch over
 * the stored events gives, and the reports reading it must answer the same.
 */
const T = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;

const row = (messageId: string, o: Partial<EventRow>): EventRow => eventRow(messageId, T, o);

const SOURCES_SQL = `SELECT project_id, anonymous_id, user_id, epoch_ms(first_seen) AS t FROM event_sources ORDER BY ALL`;
const PERSON_FACTS_SQL = `SELECT project_id, anonymous_id, user_id, type, epoch_ms(ts) AS t, epoch_ms(signed_up) AS s, ttv_ms, traits::VARCHAR AS traits FROM person_facts ORDER BY ALL`;

async function summaryAndFromScratch(store: Store) {
  const kept = await store.querySql(SOURCES_SQL);
  const ttvKept = await ttvAll(store);
  const keptCopies = await store.querySql(PERSON_FACTS_SQL);
  // Temporary views of the same names, computed from the stored events, hide the tables
  // on the reports' connection: the reports then read the events as before issue 16.
  for (const view of SUMMARIES_FROM_EVENTS) await store.querySql(view);
  return { kept, ttvKept, keptCopies, scratch: await store.querySql(SOURCES_SQL), ttvScratch: await ttvAll(store), scratchCopies: await store.querySql(PERSON_FACTS_SQL) };
}

/** The TTV subjects at several "now"s (some before most events), by week and by trait. */
async function ttvAll(store: Store) {
  const out = [];
  for (const asOf of [T - 1, T + 2 * DAY, T + 40 * DAY]) {
    for (const by of ['signup_week', 'plan']) {
      for (const valueEvent of [undefined, 'Done', 'First Value Reached']) {
        const q: TtvQuery = { projectId: 'p', asOf, by, valueEvent };
        out.push(await store.ttvSubjects(q));
      }
    }
    out.push(await store.ttvSubjects({ projectId: 'p', asOf, by: 'signup_month', where: ['plan', 'pro'], from: T, to: T + 30 * DAY }));
  }
  return out;
}

const id = fc.constantFrom('a1', 'a2', 'a3', 'a4');
const user = fc.constantFrom('u1', 'u2', 'u3');
const event = fc.record({
  // Few ids, so the same message id comes back, with other content (a retry, or a bad client).
  messageId: fc.integer({ min: 0, max: 40 }).map((n) => `m${n}`),
  type: fc.constantFrom('track', 'identify', 'alias', 'page'),
  event: fc.constantFrom('E', 'First Value Reached', 'Done'),
  anonymousId: fc.option(id, { nil: null, freq: 5 }),
  userId: fc.option(user, { nil: null, freq: 2 }),
  previousId: id,
  // Out of order: any time in two months, and now and then one outside 1970–2100 (stored as received).
  offset: fc.oneof({ arbitrary: fc.integer({ min: -5 * DAY, max: 60 * DAY }), weight: 9 }, { arbitrary: fc.constant(Number.NaN), weight: 1 }),
  received: fc.integer({ min: 0, max: 60 * DAY }),
  plan: fc.constantFrom(undefined, 'free', 'pro'),
  // created_at / signed_up_at as ISO, epoch ms, epoch seconds, garbage or out of range.
  signup: fc.constantFrom(undefined, 'iso', 'ms', 's', 'junk', 'huge'),
});

function signupTraits(kind: string | undefined, t: number) {
  if (kind == 'iso') return { created_at: new Date(t).toISOString() };
  if (kind == 'ms') return { signed_up_at: t };
  if (kind == 's') return { created_at: Math.floor(t / 1000), signed_up_at: new Date(t + DAY).toISOString() };
  if (kind == 'junk') return { created_at: 'last tuesday' };
  if (kind == 'huge') return { created_at: 1e17 };
  return {};
}

type GeneratedEvent = typeof event extends fc.Arbitrary<infer T> ? T : never;

function toRow(e: GeneratedEvent): EventRow {
  const userId = e.type == 'alias' ? (e.userId ?? 'u1') : e.userId;
  const anonymousId = e.anonymousId ?? (userId ? null : 'a1');
  return row(e.messageId, {
    type: e.type as EventRow['type'],
    event: e.type == 'track' ? e.event : null,
    anonymousId,
    userId,
    previousId: e.type == 'alias' ? e.previousId : null,
    timestamp: Number.isNaN(e.offset) ? -1e15 : T + e.offset,
    originalTimestamp: T + (Number.isNaN(e.offset) ? 0 : e.offset),
    receivedAt: T + e.received,
    traits: e.type == 'identify' && (e.plan || e.signup) ? JSON.stringify({ ...(e.plan ? { plan: e.plan } : {}), ...signupTraits(e.signup, T + e.received - DAY) }) : null,
    properties: e.event == 'First Value Reached' ? JSON.stringify({ ttv_ms: e.received }) : null,
  });
}

const dir = mkdtempSync(join(tmpdir(), 'sabu-sources-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('event_sources and person_facts, the person summaries kept at ingest', () => {
  it('agrees with a from-scratch computation after out-of-order, duplicate and identity-stitched events', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(event, { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 8 }), async (batches) => {
        const store = await createDuckDBStore(':memory:');
        try {
          // Concurrent requests share group commits; a failing group is split and retried.
          await Promise.all(batches.map((b) => store.insertEvents(b.map(toRow))));
          // And later requests, one by one, after the writer's cache has learned the pairs.
          for (const b of batches.slice(0, 3)) await store.insertEvents(b.map((e) => toRow({ ...e, messageId: `${e.messageId}-again`, offset: e.offset - DAY })));
          const r = await summaryAndFromScratch(store);
          expect(r.kept).toEqual(r.scratch);
          expect(r.keptCopies).toEqual(r.scratchCopies);
          expect(r.ttvKept).toEqual(r.ttvScratch);
        } finally {
          await store.close();
        }
      }),
      // Each run builds a database and runs every TTV query (~1 s idle): a few here, more with SABU_FUZZ_RUNS=N.
      // A failure's shrinking stops in time to report its counterexample (a timeout would hide it).
      { numRuns: Number(process.env.SABU_FUZZ_RUNS ?? 4), interruptAfterTimeLimit: 100_000, markInterruptAsFailure: true },
    );
  }, 120_000);

  it('ignores a duplicate message id whose time would move a pair earlier', async () => {
    const store = await createDuckDBStore(':memory:');
    try {
      await store.insertEvents([row('m1', { anonymousId: 'a1', userId: 'u1', timestamp: T + DAY })]);
      // Same id, earlier time, another pair: not stored, so it must not count anywhere.
      await store.insertEvents([row('m1', { anonymousId: 'a1', userId: 'u1', timestamp: T }), row('m1', { anonymousId: 'a9', userId: 'u9', timestamp: T })]);
      // A later event of the new pair: the writer must not believe a9/u9 is known already.
      await store.insertEvents([row('m2', { anonymousId: 'a9', userId: 'u9', timestamp: T + 2 * DAY })]);
      expect(await store.querySql(SOURCES_SQL)).toEqual([
        { project_id: 'p', anonymous_id: 'a1', user_id: 'u1', t: T + DAY },
        { project_id: 'p', anonymous_id: 'a9', user_id: 'u9', t: T + 2 * DAY },
      ]);
    } finally {
      await store.close();
    }
  });

  it('upgrade: a database at schema 5 gets the summary backfilled from its events', async () => {
    const path = join(dir, 'old.duckdb');
    const old = await DuckDBInstance.create(path);
    const conn = await old.connect();
    for (const m of MIGRATIONS.slice(0, 5)) await conn.run(m);
    await conn.run("CREATE TABLE sabu_meta (key VARCHAR PRIMARY KEY, value VARCHAR); INSERT INTO sabu_meta VALUES ('schema_version', '5')");
    await conn.run(`INSERT INTO events (project_id, message_id, type, anonymous_id, user_id, ts, original_ts, received_at, seq) VALUES
      ('p', 'o1', 'track', 'a1', NULL, TIMESTAMP '2026-01-03', TIMESTAMP '2026-01-03', TIMESTAMP '2026-01-03', 1),
      ('p', 'o2', 'identify', 'a1', 'u1', TIMESTAMP '2026-01-02', TIMESTAMP '2026-01-02', TIMESTAMP '2026-01-05', 2),
      ('p', 'o3', 'track', NULL, 'u1', TIMESTAMP '2026-01-04', TIMESTAMP '2026-01-04', TIMESTAMP '2026-01-04', 3),
      ('p', 'o4', 'track', 'a1', NULL, TIMESTAMP '2150-01-01', TIMESTAMP '2150-01-01', TIMESTAMP '2026-01-01', 4)`);
    await conn.run('CHECKPOINT');
    conn.closeSync();
    old.closeSync();

    // Read-only (the CLI), before any collector migrated it: the reports read the events.
    const ro = await createDuckDBStore(path, { readOnly: true });
    const before = await ttvAll(ro);
    await ro.close();

    const store = await createDuckDBStore(path);
    try {
      expect(await store.querySql(SOURCES_SQL)).toEqual([
        { project_id: 'p', anonymous_id: '', user_id: 'u1', t: Date.UTC(2026, 0, 4) },
        // o4's time is outside 1970–2100: reports read its receive time, and so does the summary.
        { project_id: 'p', anonymous_id: 'a1', user_id: '', t: Date.UTC(2026, 0, 1) },
        { project_id: 'p', anonymous_id: 'a1', user_id: 'u1', t: Date.UTC(2026, 0, 2) },
      ]);
      expect(await ttvAll(store)).toEqual(before);
      expect(before.flat().length).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });
});
