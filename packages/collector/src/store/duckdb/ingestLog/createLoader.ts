import { existsSync, renameSync, rmSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { loadSegments } from './loadSegments.js';

/**
 * Moves sealed segments of the ingest log into DuckDB, one load at a time, in the order
 * they were sealed (so receive numbers only grow, as the live view's cursor needs), and
 * deletes each segment once the load holding it has committed. Segments sealed while a
 * load runs go together into the next one (bigger loads cost DuckDB less per event).
 *
 * Every other write on the connection goes through `exclusive`, between loads.
 */
export interface Loader {
  /** Queues a sealed segment (its largest receive number, or NaN when not known). */
  enqueue(path: string, lastSeq: number): void;
  /** Resolves once every segment queued so far is loaded (or set aside); rejects while the database cannot write. */
  drain(): Promise<void>;
  /** Runs `fn` after the loads queued so far, before any later one. */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  /** The largest receive number in the table or in a segment loaded or set aside. */
  lastSeq(): number;
  /** Raises lastSeq (a write that went straight to the table). */
  advance(seq: number): void;
}

export interface LoaderOptions {
  lastSeq: number;
  /** Segments per load at most, so a backlog after an outage loads in steps. @default 16 */
  maxFilesPerLoad?: number;
  /** One line for the operator (a segment the database refused). @default stderr */
  notice?: (line: string) => void;
}

/** Wait before loading again after the database could not write. */
const RETRY_MS = 1000;

/** DuckDB's errors about the data itself (it will never load), as opposed to the machine's (I/O, memory). */
const refusedData = (message: string) => /^(Conversion|Invalid Input|Constraint|Binder|Parser|Out of Range|Invalid) Error/.test(message);

export function createLoader(conn: DuckDBConnection, o: LoaderOptions): Loader {
  const maxFiles = o.maxFilesPerLoad ?? 16;
  const notice = o.notice ?? ((line: string) => console.error(line));
  let lastSeq = o.lastSeq;
  const pending: { path: string; lastSeq: number }[] = [];
  let chain: Promise<unknown> = Promise.resolve();

  const then = <T>(fn: () => Promise<T>): Promise<T> => {
    const p = chain.then(fn);
    chain = p.catch(() => {});
    return p;
  };

  let retry: NodeJS.Timeout | undefined;
  let failing = false;

  async function loadPending() {
    // After a batch the database refused, the rest goes one segment at a time, so one bad
    // segment is set aside alone.
    let step = maxFiles;
    while (pending.length) {
      // A segment removed by hand would fail every load after it, for good: named and skipped.
      for (let i = pending.length - 1; i >= 0; i--) {
        if (existsSync(pending[i]!.path)) continue;
        notice(`[sabu] ingest log segment ${pending[i]!.path} is gone (removed by hand?); its events were not loaded`);
        pending.splice(i, 1);
      }
      if (!pending.length) break;
      const batch = pending.slice(0, step);
      const paths = batch.map((b) => b.path);
      try {
        await loadSegments(conn, paths, lastSeq);
        failing = false;
      } catch (e) {
        const why = String((e as Error).message).split('\n')[0] ?? '';
        if (!refusedData(why)) {
          // The database cannot write now (disk full, I/O): the segments stay queued and are
          // tried again; until then reads fail rather than answer without acknowledged events.
          if (!failing) notice(`[sabu] loading the ingest log into the database failed (${why}); retrying every ${RETRY_MS / 1000} s, the events stay in ${paths[0]}`);
          failing = true;
          retry ??= setTimeout(() => {
            retry = undefined;
            void then(loadPending).catch(() => {});
          }, RETRY_MS);
          retry.unref();
          throw e;
        }
        if (batch.length > 1) {
          step = 1;
          continue;
        }
        // Never loadable, and it must not stop the loads after it, nor be lost: kept beside
        // the log under another name, for the operator (what ingest writes is always
        // loadable; a segment edited or damaged by hand is not).
        for (const p of paths) renameSync(p, `${p}.refused`);
        notice(`[sabu] the database refused ingest log segment ${paths[0]}: ${why}; kept as *.refused, not loaded`);
      }
      pending.splice(0, batch.length);
      for (const b of batch) if (b.lastSeq > lastSeq) lastSeq = b.lastSeq;
      for (const p of paths) rmSync(p, { force: true });
    }
  }

  return {
    enqueue(path, seq) {
      pending.push({ path, lastSeq: seq });
      then(loadPending).catch(() => {});
    },
    drain: () => then(loadPending),
    // Only after every segment queued before it is in: its rows are numbered after theirs.
    exclusive: (fn) =>
      then(async () => {
        await loadPending();
        return fn();
      }),
    lastSeq: () => lastSeq,
    advance(seq) {
      if (seq > lastSeq) lastSeq = seq;
    },
  };
}
