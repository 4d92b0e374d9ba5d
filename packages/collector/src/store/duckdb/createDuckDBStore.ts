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
import { createLoggedIngest, type LogTuning } from './ingestLog/createLoggedIngest.js';
import { logDirFor } from './ingestLog/segmentFiles.js';

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
  /** The ingest log's segment size and time (tests, the bench); see createIngestLog.ts. */
  log?: LogTuning;
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
  // A file written by this process: acknowledged through the ingest log, loaded in bulk
  // (issue 16). An in-memory database has nothing to make durable: the writer commits directly.
  const logged = path != ':memory:' && !o.readOnly ? await createLoggedIngest(writeConn, writer, logDirFor(path), writer.lastSeq(), o.log) : null;
  // Readers first wait for what is acknowledged to be loaded: a report, a count or the live
  // view always includes every event answered 2xx before it was asked.
  const read =
    <A extends unknown[], R>(f: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      await logged?.catchUp();
      return f(...a);
    };
  let closed = false;

  return {
    insertEvents: (rows) => (logged ? logged.insert(rows) : writer.write(rows)),
    countEvents: read(async (projectId: string) => {
      const [r] = await q.rows<{ n: number }>(readConn, 'SELECT count(*) AS n FROM events WHERE project_id = $project', { project: projectId });
      return r?.n ?? 0;
    }),
    projectSummary: read((projectId: string) => q.projectSummary(readConn, projectId)),
    // The writer knows the newest committed number; asking the table costs a scan (130 ms on 10M rows).
    recentEvents: read((x: Parameters<Store['recentEvents']>[0]) => recentEvents(readConn, x, o.readOnly ? undefined : (logged?.lastSeq() ?? writer.lastSeq()))),
    ttvSubjects: read((x: Parameters<Store['ttvSubjects']>[0]) => ttvSubjects(readConn, x)),
    ttvDurations: read((x: Parameters<Store['ttvDurations']>[0]) => ttvDurations(readConn, x)),
    checklistRows: read((x: Parameters<Store['checklistRows']>[0]) => q.checklistRows(readConn, x)),
    voiceAnswers: read((x: Parameters<Store['voiceAnswers']>[0]) => q.voiceAnswers(readConn, x)),
    voiceComments: read((x: Parameters<Store['voiceComments']>[0], limit: number) => q.voiceComments(readConn, x, limit)),
    frictionData: read((x: Parameters<Store['frictionData']>[0]) => q.frictionData(readConn, x)),
    adoptionData: read((x: Parameters<Store['adoptionData']>[0]) => q.adoptionData(readConn, x)),
    accountInputs: read((x: Parameters<Store['accountInputs']>[0]) => q.accountInputs(readConn, x)),
    tourData: read((x: Parameters<Store['tourData']>[0]) => tourData(readConn, x)),
    guideRows: read((x: Parameters<Store['guideRows']>[0]) => guideRows(readConn, x)),
    experimentExposures: read((x: Parameters<Store['experimentExposures']>[0]) => q.experimentExposures(readConn, x)),
    accountSignals: read((x: Parameters<Store['accountSignals']>[0]) => accountSignals(readConn, x)),
    personEvents: read((x: Parameters<Store['personEvents']>[0]) => personEvents(readConn, x)),
    querySql: read((sql: string) => q.rows(readConn, sql)),
    async close() {
      if (closed) return;
      closed = true;
      await logged?.close();
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
