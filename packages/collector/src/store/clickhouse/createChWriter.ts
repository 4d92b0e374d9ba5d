import type { EventRow } from '../EventRow.js';
import { firstLinks, identityLinks } from '../duckdb/createWriter.js';
import type { ClickHouseExecutor } from './ClickHouseExecutor.js';

/**
 * Group commit for ClickHouse: batches that arrive while an insert is running go into the
 * next insert together. ClickHouse wants few large inserts (each insert makes a part on
 * disk; thousands of tiny ones a second end in "too many parts"), and a 100-event batch
 * per request would be exactly that. Each caller's promise settles when the insert holding
 * its rows was acknowledged by the server; a failed group is split until the failing member
 * is alone (as in ../duckdb/createWriter.ts).
 *
 * Unlike DuckDB there is no transaction: a group whose events went in and whose identity
 * links failed is retried whole. That is safe because the tables fold duplicates (FINAL).
 */
export function createChWriter(x: ClickHouseExecutor, lastSeq: number) {
  // Receive order for the live view: numbers from this process only grow (see recentEvents.ts).
  let seq = lastSeq;
  const linked = new Set<string>();
  let pending: Pending[] = [];
  let running: Promise<void> | null = null;

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

  async function drain() {
    while (pending.length) {
      const group = pending;
      pending = [];
      await commit(group);
    }
    running = null;
  }

  return {
    write(rows: EventRow[]): Promise<void> {
      if (!rows.length) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        pending.push({ rows, resolve, reject });
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
 * ReplacingMergeTree keeps the row with the largest version: the earlier the time, the
 * larger the version, so the first copy (or the earliest link) survives. Any time a
 * JavaScript number can hold maps into UInt64 without wrapping.
 */
const versionOf = (ms: number) => Math.max(0, Math.min(2 * Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER - Math.round(Number.isFinite(ms) ? ms : 0)));
