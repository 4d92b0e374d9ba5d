import type { EventRow } from '../EventRow.js';
import { firstLinks, identityLinks } from '../duckdb/createWriter.js';
import type { ClickHouseExecutor } from './ClickHouseExecutor.js';

export interface ChWriterOptions {
  /**
   * How long an insert waits for more requests to join it, in ms, unless it already holds
   * `gatherRows` events. A request's 2xx may come this much later; in return the engine
   * makes fewer, larger inserts (see below).
   * @default GATHER_MS
   */
  gatherMs?: number;
  /** Events at which an insert starts without waiting. @default GATHER_ROWS */
  gatherRows?: number;
}

/**
 * Group commit for ClickHouse: batches that arrive while an insert is running go into the
 * next insert together, and each insert waits up to `gatherMs` for more to join it. ClickHouse
 * wants few large inserts: each one makes a part per table on disk (thousands of tiny ones a
 * second end in "too many parts"), and each runs the materialized views that keep the person
 * summaries, which cost the engine more per insert than per row (issue 16: 100k events in
 * 200 inserts of 500 took it 13–15 CPU-s, in 20 of 5,000 4.4 s). A 100-event batch per request
 * would be exactly the bad case, and without the wait the inserts were only as large as the
 * requests that happened to arrive during the previous one. Each caller's promise settles
 * when the insert holding its rows was acknowledged by the server; a failed group is split
 * until the failing member is alone (as in ../duckdb/createWriter.ts).
 *
 * Why here and not the server's `async_insert`: see docs/collector.md#clickhouse (both work
 * together; this one is measured in `npm run bench:collector`).
 *
 * Unlike DuckDB there is no transaction: a group whose events went in and whose identity
 * links failed is retried whole. That is safe because the tables fold duplicates (FINAL).
 */
export function createChWriter(x: ClickHouseExecutor, lastSeq: number, o: ChWriterOptions = {}) {
  const gatherMs = o.gatherMs ?? GATHER_MS;
  const gatherRows = o.gatherRows ?? GATHER_ROWS;
  // Receive order for the live view: numbers from this process only grow (see recentEvents.ts).
  let seq = lastSeq;
  const linked = new Set<string>();
  let pending: Pending[] = [];
  let pendingRows = 0;
  let running: Promise<void> | null = null;
  /** Ends the current wait early: the group reached gatherRows. */
  let gathered: (() => void) | null = null;

  async function writeAll(rows: EventRow[]) {
    const seen = new Set<string>();
    const events: Record<string, unknown>[] = [];
    let next = seq;
    for (const r of rows) {
      // A message repeated inside one group (a retry racing its original): the first stays,
      // as DuckDB's DISTINCT ON does; across inserts `ver` decides the same way.
      const k = `${r.projectId}\u0000${r.messageId}`;
      if (seen.has(k)) continue;
      seen.add(k);
      events.push({
        project_id: r.projectId,
        message_id: r.messageId,
        type: r.type,
        event: r.event,
        anonymous_id: r.anonymousId,
        user_id: r.userId,
        group_id: r.groupId,
        event_time: Math.round(r.timestamp),
        original_time: Math.round(r.originalTimestamp),
        received_at: Math.round(r.receivedAt),
        session_id: r.sessionId,
        page_path: r.pagePath,
        properties: r.properties,
        traits: r.traits,
        context: r.context,
        seq: ++next,
        ver: versionOf(r.receivedAt),
      });
    }
    await x.insert('events', events);
    const links = firstLinks(identityLinks(rows), linked);
    await x.insert(
      'identities',
      links.map((l) => ({ project_id: l.projectId, anonymous_id: l.anonymousId, user_id: l.userId, linked_at: Math.round(l.timestamp), ver: versionOf(l.timestamp) })),
    );
    seq = next;
    if (linked.size > MAX_LINKED_CACHE) linked.clear();
    for (const l of links) linked.add(`${l.projectId}\u0000${l.anonymousId}`);
  }

  async function commit(group: Pending[]): Promise<void> {
    try {
      await writeAll(group.flatMap((g) => g.rows));
      for (const g of group) g.resolve();
    } catch (e) {
      if (group.length == 1) return group[0]!.reject(e);
      const half = group.length >> 1;
      await commit(group.slice(0, half));
      await commit(group.slice(half));
    }
  }

  /** Waits until the pending events reach gatherRows or gatherMs have passed. */
  function gather(): Promise<void> {
    if (gatherMs <= 0 || pendingRows >= gatherRows) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, gatherMs);
      function done() {
        clearTimeout(timer);
        gathered = null;
        resolve();
      }
      gathered = done;
    });
  }

  async function drain() {
    while (pending.length) {
      await gather();
      const group = pending;
      pending = [];
      pendingRows = 0;
      await commit(group);
    }
    running = null;
  }

  return {
    write(rows: EventRow[]): Promise<void> {
      if (!rows.length) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        pending.push({ rows, resolve, reject });
        pendingRows += rows.length;
        if (pendingRows >= gatherRows) gathered?.();
        running ??= drain();
      });
    },
    lastSeq: () => seq,
    async idle() {
      while (running) await running;
    },
  };
}

interface Pending {
  rows: EventRow[];
  resolve: () => void;
  reject: (e: unknown) => void;
}

const MAX_LINKED_CACHE = 200_000;

/**
 * The wait before an insert. bench:collector, 10 connections of 100-event requests, ClickHouse
 * engine in its own process: see packages/collector/ARCHITECTURE.md "Numbers" for the
 * measured trade (engine CPU per event against p99).
 */
export const GATHER_MS = 50;
/** An insert this large starts at once: past it the per-insert cost is a small share (ARCHITECTURE.md). */
export const GATHER_ROWS = 5_000;

/**
 * ReplacingMergeTree keeps the row with the largest version: the earlier the time, the
 * larger the version, so the first copy (or the earliest link) survives. Any time a
 * JavaScript number can hold maps into UInt64 without wrapping.
 */
const versionOf = (ms: number) => Math.max(0, Math.min(2 * Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER - Math.round(Number.isFinite(ms) ? ms : 0)));
