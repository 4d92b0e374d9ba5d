import { renameSync, rmSync } from 'node:fs';
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
  /** Resolves once every segment queued so far is loaded (or set aside). */
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

  async function loadPending() {
    while (pending.length) {
      const batch = pending.splice(0, maxFiles);
      const paths = batch.map((b) => b.path);
      try {
        await loadSegments(conn, paths, lastSeq);
      } catch (e) {
        // A load must never stop the ones after it, nor lose what it holds: the files are
        // kept beside the log under another name, for the operator (it does not happen with
        // what ingest writes; a segment edited or damaged by hand could do it).
        for (const p of paths) renameSync(p, `${p}.refused`);
        notice(`[sabu] the database refused ingest log segment(s) ${paths.join(', ')}: ${String((e as Error).message).split('\n')[0]}; kept as *.refused, not loaded`);
      }
      for (const b of batch) if (b.lastSeq > lastSeq) lastSeq = b.lastSeq;
      for (const p of paths) rmSync(p, { force: true });
    }
  }

  return {
    enqueue(path, seq) {
      pending.push({ path, lastSeq: seq });
      void then(loadPending);
    },
    drain: () => then(async () => {}),
    exclusive: (fn) => then(fn),
    lastSeq: () => lastSeq,
    advance(seq) {
      if (seq > lastSeq) lastSeq = seq;
    },
  };
}
