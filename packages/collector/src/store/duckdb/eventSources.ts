import { MAX_TIME_ISO, MIN_TIME_ISO, inTimeRange } from '../timeRange.js';
import type { EventRow } from '../EventRow.js';

/**
 * `event_sources`: one row per (project, anonymous id, user id) pair that sent events,
 * with the earliest event time of the pair (as reports read times: sqlParts.ts EVENT_TS).
 * It is what the reports' "first seen" used to group every event for; the identity join
 * still happens at read time, so a link made later re-attributes a pair's first-seen time
 * to its person exactly as before. A min is order-free and a duplicate is not inserted,
 * so out-of-order and repeated events need nothing special.
 *
 * A primary key cannot hold NULL: a missing id is stored as '' (real ids are never empty,
 * the wire schema requires 1+ characters) and read back as NULL (SOURCES below).
 */

/** The time reports read for an event (sqlParts.ts EVENT_TS), frozen here for the migrations. */
export const READ_TIME = `CASE WHEN ts >= TIMESTAMP '${MIN_TIME_ISO}' AND ts < TIMESTAMP '${MAX_TIME_ISO}' THEN ts ELSE received_at END`;

const fromEvents = (where: string) => `
  SELECT project_id, coalesce(anonymous_id, '') AS anonymous_id, coalesce(user_id, '') AS user_id, min(${READ_TIME}) AS first_seen
  FROM events ${where} GROUP BY ALL`;

/** Fills the table from every stored event (the migration). */
export const EVENT_SOURCES_BACKFILL = `INSERT INTO event_sources ${fromEvents('')};`;

/**
 * Remakes the table from the events, for tools that write events with SQL rather than
 * through the writer (the benchmark's synthetic databases).
 */
export const EVENT_SOURCES_REBUILD = `DELETE FROM event_sources; ${EVENT_SOURCES_BACKFILL}`;

/**
 * Folds the rows a commit inserted (receive numbers above `afterSeq`: duplicates skipped
 * by the events' key are not among them) into the table, inside that commit's
 * transaction, returning the pairs' stored rows (createSourceCache). Row groups of `events` are in seq order, so the filter reads only the new
 * rows' zone.
 */
export const foldNewSources = (afterSeq: number) => `
  INSERT INTO event_sources ${fromEvents(`WHERE seq > ${Math.floor(afterSeq)}`)}
  ON CONFLICT DO UPDATE SET first_seen = least(first_seen, excluded.first_seen)
  RETURNING project_id AS "projectId", anonymous_id AS "anonymousId", user_id AS "userId", epoch_ms(first_seen) AS "firstSeen"`;

/** A row of event_sources as the upsert returns it ('' for a missing id, time in ms). */
export interface StoredSource {
  projectId: string;
  anonymousId: string;
  userId: string;
  firstSeen: number;
}

/** The table as reports read it: missing ids as NULL again. */
export const SOURCES = `(SELECT project_id, nullif(anonymous_id, '') AS anonymous_id, nullif(user_id, '') AS user_id, first_seen FROM event_sources)`;

/**
 * The same table computed from events, for a database opened read-only before its
 * migration to this schema (the CLI on an old file): a temporary view, so the report SQL
 * is the same either way.
 */
export const EVENT_SOURCES_VIEW = `CREATE TEMP VIEW event_sources AS ${fromEvents('')}`;

/**
 * What the writer already knows about pairs, so a commit whose rows cannot lower any
 * pair's first-seen time (nearly all of them: people keep using the product) skips the
 * upsert. Only a cache: a miss costs one statement; it is updated after a commit only.
 */
export function createSourceCache(max = MAX_SOURCE_CACHE) {
  const firstSeen = new Map<string, number>();
  const keyOf = (r: EventRow) => `${r.projectId}\u0000${r.anonymousId ?? ''}\u0000${r.userId ?? ''}`;
  return {
    /** True when every row's pair is known with a first-seen time at or before the row's. */
    covers(rows: readonly EventRow[]): boolean {
      for (const r of rows) {
        const known = firstSeen.get(keyOf(r));
        if (known === undefined || readTime(r) < known) return false;
      }
      return true;
    },
    /**
     * After a commit: the pairs its upsert returned, with the times now stored. Only these
     * (never the commit's own rows: a duplicate was not inserted, so its time is not stored).
     */
    learn(stored: readonly StoredSource[]) {
      if (firstSeen.size + stored.length > max) firstSeen.clear();
      for (const s of stored) firstSeen.set(`${s.projectId}\u0000${s.anonymousId}\u0000${s.userId}`, s.firstSeen);
    },
    clear: () => firstSeen.clear(),
  };
}

/** Enough for every active visitor of a busy site; cleared when full. */
const MAX_SOURCE_CACHE = 200_000;

/** The event time reports read (EVENT_TS), in ms, as the writer stores it. */
function readTime(r: EventRow): number {
  const ts = Math.round(r.timestamp);
  return inTimeRange(ts) ? ts : Math.round(r.receivedAt);
}
