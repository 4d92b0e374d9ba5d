import type { DuckDBConnection } from '@duckdb/node-api';
import { EVENT_COLUMNS } from '../appendEvents.js';
import { foldNewSources } from '../eventSources.js';
import { copyNewPersonFacts } from '../personFacts.js';
import { LOG_COLUMNS } from './logLine.js';

/**
 * Loads segments of the ingest log into DuckDB in one transaction: the events, then the
 * summaries and identity links the writer keeps per commit (createWriter.ts), from the rows
 * this load inserted (receive numbers above `afterSeq`). DuckDB reads the files itself
 * (`read_ndjson`, on its own threads): no per-value calls from JavaScript. A load of a
 * whole row group (122,880 rows) or more is written to the database file directly, not
 * through DuckDB's WAL.
 *
 * Idempotent: a message id already stored (the segment was loaded, then the process died
 * before deleting it) or repeated within the files is stored once, so loading a segment
 * again changes nothing.
 */
export async function loadSegments(conn: DuckDBConnection, paths: readonly string[], afterSeq: number): Promise<void> {
  const after = Math.floor(afterSeq);
  const from = `read_ndjson(${fileList(paths)}, columns = ${LOG_COLUMNS}, format = 'newline_delimited')`;
  // Nearly always every row is new: a plain insert. A message id stored before or repeated
  // in these files (a retry; a segment loaded again after a crash) makes the key refuse it;
  // the load is then redone keeping the first copy by receive number, as the writer does.
  try {
    await inTransaction(conn, `INSERT INTO events (${EVENT_COLUMNS}, seq) SELECT ${SELECTED} FROM ${from}`, after);
  } catch {
    await inTransaction(
      conn,
      `INSERT INTO events (${EVENT_COLUMNS}, seq)
        SELECT ${SELECTED} FROM (SELECT DISTINCT ON (project_id, message_id) * FROM ${from} ORDER BY project_id, message_id, seq)
        ON CONFLICT DO NOTHING`,
      after,
    );
  }
}

/** The log's columns as the table's, in EVENT_COLUMNS order, then seq. */
const SELECTED = `project_id, message_id, type, event, anonymous_id, user_id, group_id,
  epoch_ms(ts), epoch_ms(original_ts), epoch_ms(received_at), session_id, page_path, properties, traits, context, seq`;

async function inTransaction(conn: DuckDBConnection, insert: string, after: number) {
  await conn.run('BEGIN TRANSACTION');
  try {
    await conn.run(insert);
    await conn.run(foldNewSources(after));
    await conn.run(copyNewPersonFacts(after));
    await conn.run(newLinks(after));
    await conn.run('COMMIT');
  } catch (e) {
    await conn.run('ROLLBACK').catch(() => {});
    throw e;
  }
}

/**
 * The identity links the inserted rows state, as the writer makes them (createWriter.ts
 * identityLinks + firstLinks): an event with both ids, and an alias() call (its previousId
 * is kept in properties); per anonymous id the earliest, in receive order on a tie; an
 * anonymous id linked before keeps its user.
 */
const newLinks = (after: number) => `INSERT INTO identities
  SELECT project_id, anonymous_id, first(user_id ORDER BY ts, seq, k), min(ts) FROM (
    SELECT project_id, anonymous_id, user_id, ts, seq, 0 AS k FROM events
      WHERE seq > ${after} AND anonymous_id IS NOT NULL AND user_id IS NOT NULL
    UNION ALL
    SELECT project_id, previous_id, user_id, ts, seq, 1 FROM (
      SELECT project_id, (properties->>'previousId') AS previous_id, user_id, ts, seq FROM events
      WHERE seq > ${after} AND type = 'alias' AND user_id IS NOT NULL)
    WHERE previous_id IS NOT NULL AND previous_id <> user_id
  ) GROUP BY project_id, anonymous_id
  ON CONFLICT DO NOTHING`;

/** A DuckDB list literal of paths (quotes doubled). */
const fileList = (paths: readonly string[]) => `[${paths.map((p) => `'${p.replaceAll("'", "''")}'`).join(', ')}]`;
