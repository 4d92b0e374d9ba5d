import { timestampValue, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import type { EventRow } from '../EventRow.js';

/**
 * The two ways a group's events enter the `events` table, inside the writer's
 * transaction (createWriter.ts). Both number the rows `afterSeq + 1…` in the order given.
 */

/** The columns ingest writes, in the table's and the staging table's order (then `seq`). */
export const EVENT_COLUMNS =
  'project_id, message_id, type, event, anonymous_id, user_id, group_id, ts, original_ts, received_at, session_id, page_path, properties, traits, context';

/**
 * Whether the fast path may take these rows. The appender writes JSON text into the JSON
 * columns without parsing it, so it must already be what DuckDB would accept: ingest's
 * `JSON.stringify` of an object whose strings normalizeTree made well-formed. A `\ud…`
 * escape is how JSON.stringify writes a lone surrogate, which DuckDB's JSON refuses (issue
 * 11); such a row, or JSON that is not an object, goes the checked way. The check is a
 * native substring search, far cheaper than the parse it saves.
 */
export function fastPathFits(rows: readonly EventRow[]): boolean {
  for (const r of rows) if (!plainJson(r.properties) || !plainJson(r.traits) || !plainJson(r.context)) return false;
  return true;
}

const plainJson = (s: string | null) => s == null || (s.charCodeAt(0) == 123 /* { */ && s.charCodeAt(s.length - 1) == 125 /* } */ && !s.includes('\\ud'));

/**
 * Appends straight into `events` (no staging table, no INSERT … SELECT): about half the
 * database's work per row. The primary key still holds: a message id stored before, or
 * twice in these rows, makes the append throw, and the caller rolls back and takes
 * insertThroughStaging instead.
 */
export async function appendEvents(conn: DuckDBConnection, rows: readonly EventRow[], afterSeq: number) {
  await withAppender(conn, 'events', (a) => {
    let seq = afterSeq;
    for (const r of rows) {
      appendCommon(a, r, (ms) => a.appendTimestamp(timestampValue(BigInt(Math.round(ms)) * 1000n)));
      a.appendBigInt(BigInt(++seq));
      a.endRow();
    }
  });
}

/**
 * Fills an appender and flushes it; when that fails, its rows are dropped before it is
 * closed. An appender left holding rows is flushed again whenever it is destroyed, which
 * for one that failed is at a garbage collection, inside whatever transaction the
 * connection runs then: that transaction aborts ("Current transaction is aborted") and a
 * valid request answers 500, at random (found by the summaries' property test).
 */
export async function withAppender(conn: DuckDBConnection, table: string, fill: (a: DuckDBAppender) => void) {
  const a = await conn.createAppender(table);
  try {
    fill(a);
    a.flushSync();
  } catch (e) {
    a.clear();
    throw e;
  } finally {
    a.closeSync();
  }
}

/**
 * Appends to `events_staging`, then inserts what is new: the database parses the JSON
 * (refusing what is malformed) and skips message ids stored before or repeated here.
 */
export async function insertThroughStaging(conn: DuckDBConnection, rows: readonly EventRow[], afterSeq: number) {
  await withAppender(conn, 'events_staging', (a) => {
    for (const r of rows) {
      appendCommon(a, r, (ms) => a.appendBigInt(BigInt(Math.round(ms))));
      a.endRow();
    }
  });
  // DISTINCT ON: a message id repeated inside one group commit (a retry racing its
  // original) must not violate the key inside a single INSERT. `seq` numbers the rows
  // in the order they were appended (staging rowid), after every earlier commit's.
  await conn.run(`INSERT INTO events (${EVENT_COLUMNS}, seq)
    SELECT project_id, message_id, type, event, anonymous_id, user_id, group_id,
      epoch_ms(ts), epoch_ms(original_ts), epoch_ms(received_at),
      session_id, page_path, properties::JSON, traits::JSON, context::JSON,
      ${Math.floor(afterSeq)} + row_number() OVER (ORDER BY r)
    FROM (SELECT DISTINCT ON (project_id, message_id) *, rowid AS r FROM events_staging ORDER BY project_id, message_id, r)
    ON CONFLICT DO NOTHING`);
  await conn.run('DELETE FROM events_staging');
}

/** Every column but `seq`, times through `time` (a TIMESTAMP in events, epoch ms in staging). */
function appendCommon(a: DuckDBAppender, r: EventRow, time: (ms: number) => void) {
  a.appendVarchar(r.projectId);
  a.appendVarchar(r.messageId);
  a.appendVarchar(r.type);
  appendNullable(a, r.event);
  appendNullable(a, r.anonymousId);
  appendNullable(a, r.userId);
  appendNullable(a, r.groupId);
  time(r.timestamp);
  time(r.originalTimestamp);
  time(r.receivedAt);
  appendNullable(a, r.sessionId);
  appendNullable(a, r.pagePath);
  appendNullable(a, r.properties);
  appendNullable(a, r.traits);
  appendNullable(a, r.context);
}

function appendNullable(a: DuckDBAppender, v: string | null) {
  if (v == null) a.appendNull();
  else a.appendVarchar(v);
}
