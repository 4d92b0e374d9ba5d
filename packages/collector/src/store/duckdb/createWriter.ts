import type { DuckDBConnection } from '@duckdb/node-api';
import type { EventRow } from '../EventRow.js';
import { createSourceCache, foldNewSources, type StoredSource } from './eventSources.js';
import { rows as readRows } from './reportQueries.js';
import { appendEvents, fastPathFits, insertThroughStaging, withAppender } from './appendEvents.js';
import { copyNewPersonFacts, hasPersonFacts } from './personFacts.js';

/**
 * Group commit: batches that arrive while a transaction is being written wait and go
 * into the next one together, so many small requests cost one commit instead of many.
 * Each caller's promise settles when the transaction holding its rows has committed, or
 * rejects when its own rows cannot be written: a failed group is split until the failing
 * member is alone.
 */
export function createWriter(conn: DuckDBConnection, lastSeq: number) {
  let seq = lastSeq;
  // Anonymous ids known to be linked already: most batches come from signed-in users whose
  // link exists, and skipping them avoids a sort-and-probe per row. Bounded; a miss only
  // costs the database's ON CONFLICT check.
  const linked = new Set<string>();
  const sources = createSourceCache();
  let pending: Pending[] = [];
  let running: Promise<void> | null = null;

  async function writeAll(rows: EventRow[]) {
    // Nearly every group is new events with well-formed JSON: appended straight into the
    // table. A duplicate message id (a retry) or anything the fast path cannot vouch for
    // makes the database refuse the append; the transaction is then redone through the
    // staging table, which skips duplicates and lets the database check the JSON.
    if (fastPathFits(rows)) {
      await conn.run('BEGIN TRANSACTION');
      try {
        await appendEvents(conn, rows, seq);
        return await finish(rows);
      } catch {
        await conn.run('ROLLBACK').catch(() => {});
      }
    }
    await conn.run('BEGIN TRANSACTION');
    try {
      await insertThroughStaging(conn, rows, seq);
      await finish(rows);
    } catch (e) {
      await conn.run('ROLLBACK').catch(() => {});
      throw e;
    }
  }

  /** The rest of a group's transaction once its events are in: summary, links, commit. */
  async function finish(rows: EventRow[]) {
    // The person summaries (eventSources.ts, personFacts.ts), in the same transaction as the events.
    const stored = sources.covers(rows) ? [] : await readRows<StoredSource>(conn, foldNewSources(seq));
    if (hasPersonFacts(rows)) await conn.run(copyNewPersonFacts(seq));
    const links = firstLinks(identityLinks(rows), linked);
    if (links.length) {
      await withAppender(conn, 'identities_staging', (b) => {
        for (const r of links) {
          b.appendVarchar(r.projectId);
          b.appendVarchar(r.anonymousId!);
          b.appendVarchar(r.userId!);
          b.appendBigInt(BigInt(Math.round(r.timestamp)));
          b.endRow();
        }
      });
      await conn.run(`INSERT INTO identities
        SELECT project_id, anonymous_id, user_id, epoch_ms(linked_at) FROM identities_staging
        ON CONFLICT DO NOTHING`);
      await conn.run('DELETE FROM identities_staging');
    }
    await conn.run('COMMIT');
    // Numbers may be left unused (duplicates): the order is what counts, not density.
    seq += rows.length;
    sources.learn(stored);
    if (linked.size > MAX_LINKED_CACHE) linked.clear();
    for (const r of links) linked.add(linkKey(r));
  }

  /**
   * Commits a group's rows in one transaction. When that fails, the group was rolled back
   * whole, and one member's rows must not fail the others' requests (issue 11): it is split
   * in halves, each committed on its own, down to single members, which are answered on
   * their own merits. One bad member costs about 2·log2(n) extra commits, not n, so a
   * sender that keeps retrying a failing batch cannot slow everyone's writes much.
   */
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
    /** The largest receive number committed so far: every row up to it is visible to readers. */
    lastSeq: () => seq,
    /** Numbers the next rows after `n` when that is higher (numbers taken by the ingest log). */
    advance(n: number) {
      if (n > seq) seq = n;
    },
    /** Resolves when every queued write has settled. */
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

/** Enough for every active visitor of a busy site; cleared when full (it is only a cache). */
const MAX_LINKED_CACHE = 200_000;
const linkKey = (r: Link) => `${r.projectId}\u0000${r.anonymousId}`;

/** A candidate (anonymous id → user id) link, from an event or an alias. */
export type Link = Pick<EventRow, 'projectId' | 'anonymousId' | 'userId' | 'timestamp'>;

/**
 * Every link these rows state: an event carrying both ids, and an alias() call, whose
 * previousId (an anonymous id, or an id the backend used before) becomes its userId.
 */
export function identityLinks(rows: readonly EventRow[]): Link[] {
  const out: Link[] = [];
  for (const r of rows) {
    out.push(r);
    if (r.previousId && r.userId && r.previousId != r.userId) out.push({ projectId: r.projectId, anonymousId: r.previousId, userId: r.userId, timestamp: r.timestamp });
  }
  return out;
}

/**
 * The earliest (anonymous id → user id) pair per anonymous id in these rows, skipping
 * ids already linked. The first user an anonymous id was seen with wins: a later login
 * on a shared device does not rewrite who did the earlier work.
 */
export function firstLinks<T extends Link>(rows: readonly T[], linked: ReadonlySet<string>): T[] {
  const first = new Map<string, T>();
  for (const r of rows) {
    if (!r.userId || !r.anonymousId) continue;
    const k = linkKey(r);
    if (linked.has(k)) continue;
    const prev = first.get(k);
    if (!prev || r.timestamp < prev.timestamp) first.set(k, r);
  }
  return [...first.values()];
}
