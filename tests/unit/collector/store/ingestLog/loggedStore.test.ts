// @vitest-environment node
import { afterAll, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDuckDBStore } from '../../../../../packages/collector/src/store/duckdb/createDuckDBStore.js';
import { firstLinks, identityLinks } from '../../../../../packages/collector/src/store/duckdb/createWriter.js';
import { toLogLine } from '../../../../../packages/collector/src/store/duckdb/ingestLog/logLine.js';
import { logDirFor, segmentName } from '../../../../../packages/collector/src/store/duckdb/ingestLog/segmentFiles.js';
import type { EventRow } from '../../../../../packages/collector/src/store/EventRow.js';
import { eventRow, identityColumns } from '../eventRow.js';

/**
 * Issue 16: a DuckDB file store acknowledges events once they are in its ingest log and
 * loads them in bulk. What it stores must be what the direct writer stores (`:memory:`
 * keeps that path): the events, first copy of a message id wins, and the summaries; a
 * segment loaded twice (killed between the load and the deletion) stores nothing twice.
 */
const T = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;
const row = (messageId: string, o: Partial<EventRow> = {}): EventRow => eventRow(messageId, T, { anonymousId: 'a1', properties: '{"n":1}', ...o });

const EVENTS_SQL = `SELECT project_id, message_id, type, event, anonymous_id, user_id, group_id, epoch_ms(ts) AS ts, epoch_ms(original_ts) AS o, epoch_ms(received_at) AS r,
  session_id, page_path, properties::VARCHAR AS p, traits::VARCHAR AS t, context::VARCHAR AS c FROM events ORDER BY project_id, message_id`;
const SOURCES_SQL = `SELECT project_id, anonymous_id, user_id, epoch_ms(first_seen) AS t FROM event_sources ORDER BY ALL`;
const FACTS_SQL = `SELECT project_id, anonymous_id, user_id, type, epoch_ms(ts) AS t, epoch_ms(signed_up) AS s, ttv_ms, traits::VARCHAR AS traits FROM person_facts ORDER BY ALL`;
const LINKS_SQL = `SELECT project_id, anonymous_id, user_id, epoch_ms(linked_at) AS t FROM identities ORDER BY ALL`;

const dirs: string[] = [];
const freshDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'sabu-logged-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const id = fc.constantFrom('a1', 'a2', 'a3');
const event = fc.record({
  messageId: fc.integer({ min: 0, max: 30 }).map((n) => `m${n}`),
  type: fc.constantFrom('track', 'identify', 'alias', 'page'),
  event: fc.constantFrom('E', 'First Value Reached'),
  anonymousId: fc.option(id, { nil: null, freq: 5 }),
  userId: fc.option(fc.constantFrom('u1', 'u2'), { nil: null, freq: 2 }),
  previousId: id,
  offset: fc.integer({ min: -5 * DAY, max: 60 * DAY }),
  plan: fc.constantFrom(undefined, 'free', 'pro'),
});
type Generated = typeof event extends fc.Arbitrary<infer X> ? X : never;
function toRow(e: Generated): EventRow {
  return row(e.messageId, {
    ...identityColumns(e),
    timestamp: T + e.offset,
    receivedAt: T + Math.abs(e.offset),
    // As toEventRow writes them: an alias keeps its previousId in properties.
    properties: e.type == 'alias' ? JSON.stringify({ previousId: e.previousId }) : e.event == 'First Value Reached' ? JSON.stringify({ ttv_ms: e.offset }) : '{"n":1}',
    traits: e.type == 'identify' && e.plan ? JSON.stringify({ plan: e.plan, created_at: new Date(T).toISOString() }) : null,
  });
}

describe('the ingest log of a DuckDB file', () => {
  it('stores what the direct writer stores: events (first copy wins), summaries, links', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(event, { minLength: 1, maxLength: 10 }), { minLength: 1, maxLength: 8 }), async (batches) => {
        const direct = await createDuckDBStore(':memory:');
        const logged = await createDuckDBStore(join(freshDir(), 'x.duckdb'));
        try {
          // One request after the other: the same arrival order for both stores.
          for (const b of batches) {
            await direct.insertEvents(b.map(toRow));
            await logged.insertEvents(b.map(toRow));
          }
          for (const sql of [EVENTS_SQL, SOURCES_SQL, FACTS_SQL]) expect(await logged.querySql(sql)).toEqual(await direct.querySql(sql));
          // Links: the writer's own rule over the stored rows, as one load sees them.
          const firstCopies = new Map<string, EventRow>();
          for (const r of batches.flat().map(toRow)) if (!firstCopies.has(r.messageId)) firstCopies.set(r.messageId, r);
          const expected = firstLinks(identityLinks([...firstCopies.values()]), new Set()).map((l) => ({ project_id: l.projectId, anonymous_id: l.anonymousId, user_id: l.userId, t: l.timestamp }));
          expect(await logged.querySql(LINKS_SQL)).toEqual(expected.sort((a, b) => (a.anonymous_id! < b.anonymous_id! ? -1 : 1)));
        } finally {
          await direct.close();
          await logged.close();
        }
      }),
      { numRuns: Number(process.env.SABU_FUZZ_RUNS ?? 4), interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true },
    );
  }, 90_000);

  it('acknowledges before the database has the events, and a reader still sees every acknowledged one', async () => {
    const db = join(freshDir(), 'x.duckdb');
    const store = await createDuckDBStore(db, { log: { sealAfterMs: 60_000 } });
    try {
      await Promise.all(Array.from({ length: 20 }, (_, i) => store.insertEvents([row(`r${i}`), row(`r${i}b`)])));
      // Acknowledged: on disk in the log, not in the table yet.
      const seg = readdirSync(logDirFor(db));
      expect(seg).toEqual([segmentName(1)]);
      expect(await store.countEvents('p')).toBe(40);
      expect(readdirSync(logDirFor(db))).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('loads what a killed run left in the log on start, once, even when it was loaded already', async () => {
    const db = join(freshDir(), 'x.duckdb');
    const store = await createDuckDBStore(db);
    const rows = [row('k1', { userId: 'u1' }), row('k2', { type: 'identify', traits: '{"plan":"pro"}', userId: 'u1' })];
    await store.insertEvents(rows);
    expect(await store.countEvents('p')).toBe(2);
    await store.close();
    // The same lines again (a run killed after the load committed, before the segment was
    // deleted), then a new event, and a torn last line (killed inside a write, never acknowledged).
    writeFileSync(join(logDirFor(db), segmentName(7)), rows.map((r, i) => toLogLine(r, i + 1)).join('') + toLogLine(row('k3'), 3) + '{"seq":4,"project_id":"p","mess');
    const again = await createDuckDBStore(db);
    try {
      expect(await again.querySql(`SELECT message_id, seq::INT AS seq FROM events ORDER BY seq`)).toEqual([
        { message_id: 'k1', seq: 1 },
        { message_id: 'k2', seq: 2 },
        { message_id: 'k3', seq: 3 },
      ]);
      expect(await again.querySql(`SELECT count(*)::INT AS n FROM person_facts`)).toEqual([{ n: 1 }]);
      // Numbering goes on after the loaded rows, in a segment after the recovered one.
      await again.insertEvents([row('k4')]);
      expect(await again.querySql(`SELECT seq::INT AS seq FROM events WHERE message_id = 'k4'`)).toEqual([{ seq: 4 }]);
    } finally {
      await again.close();
    }
  });

  it('keeps a segment the database refuses aside, says so, and goes on loading', async () => {
    const db = join(freshDir(), 'x.duckdb');
    const dir = logDirFor(db);
    await (await createDuckDBStore(db)).close(); // closed before the next open: a close still running raced it for the WAL file
    writeFileSync(join(dir, segmentName(1)), '{"seq":1,"project_id":"p","message_id":"bad","type":"track","ts":"yesterday"}\n');
    const notice = vi.spyOn(console, 'error').mockImplementation(() => {});
    const store = await createDuckDBStore(db);
    try {
      expect(notice.mock.calls.map((c) => String(c[0]))).toEqual([expect.stringMatching(/refused ingest log segment.*000000000001\.ndjson.*kept as \*\.refused/)]);
      expect(existsSync(join(dir, `${segmentName(1)}.refused`))).toBe(true);
      await store.insertEvents([row('after')]);
      expect(await store.querySql(`SELECT message_id FROM events`)).toEqual([{ message_id: 'after' }]);
      // After a restart, new segments never take the set-aside one's name.
      await store.close();
      const again = await createDuckDBStore(db, { log: { sealAfterMs: 60_000 } });
      await again.insertEvents([row('later')]);
      expect(readdirSync(dir).sort()).toEqual([segmentName(1) + '.refused', segmentName(2)]);
      await again.close();
      expect(readdirSync(dir)).toEqual([segmentName(1) + '.refused']);
    } finally {
      notice.mockRestore();
      await store.close();
    }
  });

  it('refuses rows whose JSON the database refuses, without failing the rows logged beside them', async () => {
    const store = await createDuckDBStore(join(freshDir(), 'x.duckdb'));
    try {
      const writes = Array.from({ length: 30 }, (_, i) => (i % 10 == 4 ? [row(`bad-${i}`, { properties: '{"x":' })] : [row(`good-${i}`)]));
      const results = await Promise.allSettled(writes.map((w) => store.insertEvents(w)));
      expect(results.map((r) => r.status)).toEqual(writes.map((w) => (w[0]!.messageId.startsWith('bad') ? 'rejected' : 'fulfilled')));
      expect(await store.querySql(`SELECT count(*)::INT AS n FROM events WHERE message_id LIKE 'good-%'`)).toEqual([{ n: 27 }]);
      // Receive numbers follow the order of arrival across both ways in.
      const seqs = await store.querySql(`SELECT message_id FROM events ORDER BY seq`);
      expect(seqs.map((r) => r.message_id)).toEqual(writes.flat().map((r) => r.messageId).filter((m) => m.startsWith('good')));
    } finally {
      await store.close();
    }
  });
});
