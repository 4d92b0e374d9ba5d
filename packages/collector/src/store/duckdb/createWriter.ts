import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import type { EventRow } from '../EventRow.js';

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
  let pending: Pending[] = [];
  let running: Promise<void> | null = null;

  async function writeAll(rows: EventRow[]) {
    await conn.run('BEGIN TRANSACTION');
    try {
      const a = await conn.createAppender('events_staging');
      for (const r of rows) {
        a.appendVarchar(r.projectId);
        a.appendVarchar(r.messageId);
        a.appendVarchar(r.type);
        appendNullable(a, r.event);
        appendNullable(a, r.anonymousId);
        appendNullable(a, r.userId);
        appendNullable(a, r.groupId);
        a.appendBigInt(BigInt(Math.round(r.timestamp)));
        a.appendBigInt(BigInt(Math.round(r.originalTimestamp)));
        a.appendBigInt(BigInt(Math.round(r.receivedAt)));
        appendNullable(a, r.sessionId);
        appendNullable(a, r.pagePath);
        appendNullable(a, r.properties);
        appendNullable(a, r.traits);
        appendNullable(a, r.context);
        a.endRow();
      }
      a.flushSync();
      a.closeSync();
      // DISTINCT ON: a message id repeated inside one group commit (a retry racing its
      // original) must not violate the key inside a single INSERT. `seq` numbers the rows
      // in the order they were appended (staging rowid), after every earlier commit's.
      await conn.run(`INSERT INTO events (${EVENT_COLUMNS}, seq)
        SELECT project_id, message_id, type, event, anonymous_id, user_id, group_id,
          epoch_ms(ts), epoch_ms(original_ts), epoch_ms(received_at),
          session_id, page_path, properties::JSON, traits::JSON, context::JSON,
          ${seq} + row_number() OVER (ORDER BY r)
        FROM (SELECT DISTINCT ON (project_id, message_id) *, rowid AS r FROM events_staging ORDER BY project_id, message_id, r)
        ON CONFLICT DO NOTHING`);
      const links = firstLinks(identityLinks(rows), linked);
      if (links.length) {
        const b = await conn.createAppender('identities_staging');
        for (const r of links) {
          b.appendVarchar(r.projectId);
          b.appendVarchar(r.anonymousId!);
          b.appendVarchar(r.userId!);
          b.appendBigInt(BigInt(Math.round(r.timestamp)));
          b.endRow();
        }
        b.flushSync();
        b.closeSync();
        await conn.run(`INSERT INTO identities
          SELECT project_id, anonymous_id, user_id, epoch_ms(linked_at) FROM identities_staging
          ON CONFLICT DO NOTHING`);
        await conn.run('DELETE FROM identities_staging');
      }
      await conn.run('DELETE FROM events_staging');
      await conn.run('COMMIT');
      // Numbers may be left unused (duplicates): the order is what counts, not density.
      seq += rows.length;
      if (linked.size > MAX_LINKED_CACHE) linked.clear();
      for (const r of links) linked.add(linkKey(r));
    } catch (e) {
      await conn.run('ROLLBACK').catch(() => {});
      throw e;
    }
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
    /** Resolves when every queued write has settled. */
    async idle() {
      while (running) await running;
    },
  };
}

/** The columns ingest writes, in the staging table's order. */
export const EVENT_COLUMNS =
  'project_id, message_id, type, event, anonymous_id, user_id, group_id, ts, original_ts, received_at, session_id, page_path, properties, traits, context';

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

function appendNullable(a: DuckDBAppender, v: string | null) {
  if (v == null) a.appendNull();
  else a.appendVarchar(v);
}
