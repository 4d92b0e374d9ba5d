import { DuckDBInstance } from '@duckdb/node-api';
import { StartError } from '../../server/StartError.js';
import { checkDatabasePath } from './checkDatabasePath.js';
import type { Store } from '../Store.js';
import { MIGRATIONS } from './migrations.js';
import { createWriter } from './createWriter.js';
import * as q from './reportQueries.js';
import { ttvDurations, ttvSubjects } from './ttvQueries.js';
import { recentEvents } from './recentEvents.js';
import { accountSignals } from './playbookQueries.js';
import { personEvents } from './personEvents.js';
import { guideRows, tourData } from './guidanceQueries.js';
import { EVENT_SOURCES_VIEW } from './eventSources.js';
import { PERSON_FACTS_VIEW } from './personFacts.js';

/**
 * WAL size that makes DuckDB fold the log into the file (its default is 16 MB). A checkpoint
 * rewrites the table's last, partly filled row group (122,880 rows) whole, so at 16 MB
 * (about 40k events of 400 bytes) each event was compressed and written about three
 * times; at 128 MB (about 300k events) about once. Measured on the ingest path (1000-event
 * commits, final checkpoint included): DuckDB's commit + checkpoint CPU fell from 19 to
 * 12.6 µs per event. The price is a longer replay after a crash (the WAL up to this size,
 * a few seconds) and the log's disk space; a clean stop (SIGTERM) checkpoints.
 */
const CHECKPOINT_THRESHOLD = '128MB';

export interface DuckDBStoreOptions {
  /** Open without writing (the CLI reading a database no server holds). @default false */
  readOnly?: boolean;
}

/**
 * The embedded store: one DuckDB file, one connection for writes (DuckDB serialises
 * writers anyway) and one for reports, so a long report never delays an acknowledgement.
 */
export async function createDuckDBStore(path: string, o: DuckDBStoreOptions = {}): Promise<Store> {
  if (path != ':memory:') checkDatabasePath(path, o);
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path, o.readOnly ? { access_mode: 'READ_ONLY' } : {});
  } catch (e) {
    // A lock held by another process, a file that is not a DuckDB database…: one line naming the path.
    const msg = String((e as Error).message).split('\n')[0] ?? '';
    const hint = /lock/i.test(msg) ? ' (is another collector or `sabu` command using it?)' : '';
    throw new StartError(`cannot open the database "${path}": ${msg}${hint}`);
  }
  const writeConn = await instance.connect();
  const readConn = await instance.connect();
  for (const c of [writeConn, readConn]) await c.run("SET TimeZone = 'UTC'");
  if (!o.readOnly) await writeConn.run(`SET checkpoint_threshold = '${CHECKPOINT_THRESHOLD}'`);
  if (!o.readOnly) await migrate(writeConn);
  else await readSourcesFromEvents(readConn);
  // Read-only opens (the CLI) never write, and may face a database from before `seq`.
  const [last] = o.readOnly ? [] : await q.rows<{ m: number | null }>(readConn, 'SELECT max(seq) AS m FROM events');
  const writer = createWriter(writeConn, last?.m ?? 0);
  let closed = false;

  return {
    insertEvents: (rows) => writer.write(rows),
    async countEvents(projectId) {
      const [r] = await q.rows<{ n: number }>(readConn, 'SELECT count(*) AS n FROM events WHERE project_id = $project', { project: projectId });
      return r?.n ?? 0;
    },
    projectSummary: (projectId) => q.projectSummary(readConn, projectId),
    // The writer knows the newest committed number; asking the table costs a scan (130 ms on 10M rows).
    recentEvents: (x) => recentEvents(readConn, x, o.readOnly ? undefined : writer.lastSeq()),
    ttvSubjects: (x) => ttvSubjects(readConn, x),
    ttvDurations: (x) => ttvDurations(readConn, x),
    checklistRows: (x) => q.checklistRows(readConn, x),
    voiceAnswers: (x) => q.voiceAnswers(readConn, x),
    voiceComments: (x, limit) => q.voiceComments(readConn, x, limit),
    frictionData: (x) => q.frictionData(readConn, x),
    adoptionData: (x) => q.adoptionData(readConn, x),
    accountInputs: (x) => q.accountInputs(readConn, x),
    tourData: (x) => tourData(readConn, x),
    guideRows: (x) => guideRows(readConn, x),
    experimentExposures: (x) => q.experimentExposures(readConn, x),
    accountSignals: (x) => accountSignals(readConn, x),
    personEvents: (x) => personEvents(readConn, x),
    querySql: (sql) => q.rows(readConn, sql),
    async close() {
      if (closed) return;
      closed = true;
      await writer.idle();
      // A checkpoint folds the WAL into the file so the next start does not replay it.
      if (!o.readOnly) await writeConn.run('CHECKPOINT').catch(() => {});
      writeConn.closeSync();
      readConn.closeSync();
      instance.closeSync();
    },
  };
}

/**
 * A database opened read-only (the CLI) may predate the person summaries and cannot be
 * migrated: the reports then read the same rows from temporary views over the events.
 */
async function readSourcesFromEvents(conn: import('@duckdb/node-api').DuckDBConnection) {
  for (const [table, view] of [['event_sources', EVENT_SOURCES_VIEW], ['person_facts', PERSON_FACTS_VIEW]] as const) {
    const [t] = await q.rows<{ n: number }>(conn, 'SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = $table AND NOT temporary', { table });
    if (!t?.n) await conn.run(view);
  }
}

async function migrate(conn: import('@duckdb/node-api').DuckDBConnection) {
  await conn.run('CREATE TABLE IF NOT EXISTS sabu_meta (key VARCHAR PRIMARY KEY, value VARCHAR)');
  const [row] = await q.rows<{ value: string }>(conn, "SELECT value FROM sabu_meta WHERE key = 'schema_version'");
  const current = row ? Number(row.value) : 0;
  if (current > MIGRATIONS.length) {
    throw new Error(`[sabu] the database was written by a newer collector (schema ${current}, this one knows ${MIGRATIONS.length}); upgrade the collector.`);
  }
  for (let v = current; v < MIGRATIONS.length; v++) {
    await conn.run('BEGIN TRANSACTION');
    try {
      await conn.run(MIGRATIONS[v]!);
      await conn.run(
        "INSERT INTO sabu_meta VALUES ('schema_version', $v) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        { v: String(v + 1) },
      );
      await conn.run('COMMIT');
    } catch (e) {
      await conn.run('ROLLBACK').catch(() => {});
      throw e;
    }
  }
}
