import type { DuckDBConnection } from '@duckdb/node-api';
import type { EventRow } from '../../EventRow.js';
import { fastPathFits } from '../appendEvents.js';
import type { createWriter } from '../createWriter.js';
import { rows as readRows } from '../reportQueries.js';
import { createIngestLog, type IngestLogOptions } from './createIngestLog.js';
import { createLoader } from './createLoader.js';
import { recoverSegments } from './segmentFiles.js';

/**
 * Ingest into a DuckDB file through the ingest log (issue 16): acknowledged once on disk
 * in the log, in the database in bulk soon after (about a second, see createIngestLog.ts).
 * Before this returns, what a previous run left in the log is loaded, so reports never
 * start without events that were acknowledged.
 *
 * Rows whose JSON the log cannot vouch for (appendEvents.ts fastPathFits; ingest never
 * makes such rows, other callers of the store may) go straight into the database through
 * the writer's checked path, after every row logged before them, so they are refused
 * (the request fails) rather than acknowledged and refused later.
 */
export interface LoggedIngest {
  insert(rows: EventRow[]): Promise<void>;
  /** Resolves once everything acknowledged so far is in the database (readers call it first). */
  catchUp(): Promise<void>;
  /** The largest receive number in the database. */
  lastSeq(): number;
  /** Logs what is queued, loads everything, refuses further rows. */
  close(): Promise<void>;
}

export type LogTuning = Pick<IngestLogOptions, 'segmentRows' | 'sealAfterMs'>;

export async function createLoggedIngest(conn: DuckDBConnection, writer: ReturnType<typeof createWriter>, dir: string, lastSeq: number, tuning: LogTuning = {}): Promise<LoggedIngest> {
  const left = recoverSegments(dir);
  const loader = createLoader(conn, { lastSeq });
  for (const p of left.paths) loader.enqueue(p, Number.NaN);
  await loader.drain();
  if (left.paths.length) {
    const [r] = await readRows<{ m: number | null }>(conn, 'SELECT max(seq) AS m FROM events');
    loader.advance(r?.m ?? 0);
  }
  const log = createIngestLog(dir, { ...tuning, lastSeq: loader.lastSeq(), firstSegment: left.next, onSealed: (p, s) => loader.enqueue(p, s) });

  async function direct(rows: EventRow[]) {
    // Seal and take the numbers in one step: every row numbered lower is in a sealed
    // segment, which the loader commits before this write (exclusive runs after it).
    const sealed = log.seal();
    const first = log.reserve(rows.length);
    await sealed;
    return loader.exclusive(async () => {
      writer.advance(first - 1);
      try {
        await writer.write(rows);
      } finally {
        loader.advance(first - 1 + rows.length);
      }
    });
  }

  return {
    insert: (rows) => (fastPathFits(rows) ? log.append(rows) : direct(rows)),
    async catchUp() {
      await log.seal();
      await loader.drain();
    },
    lastSeq: () => loader.lastSeq(),
    async close() {
      await log.close();
      await loader.drain();
    },
  };
}
