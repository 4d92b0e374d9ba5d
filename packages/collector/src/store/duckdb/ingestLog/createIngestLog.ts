import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { EventRow } from '../../EventRow.js';
import { toLogLine } from './logLine.js';
import { segmentName, syncDirectory } from './segmentFiles.js';

/**
 * The ingest log: the collector's durability point for the DuckDB store (issue 16). A
 * request's events are appended to the current segment file as NDJSON lines and its
 * promise resolves once they are on disk (fdatasync): the 2xx goes after that, so an
 * acknowledged event survives `kill -9` and power loss. Requests that arrive while a
 * write is in flight share the next one (group commit): one fdatasync for all of them,
 * without waiting on purpose. DuckDB is loaded from sealed segments in bulk, in the
 * background (createLoader.ts), where a large append costs it a fraction of a small
 * commit's work (no WAL for a whole row group, one statement per many requests).
 *
 * A segment is sealed (closed and handed to `onSealed`) when it holds `segmentRows`
 * events, `sealAfterMs` after its first event, or when asked (`seal()`: a reader wants
 * everything stored, or a write that must go straight to the database).
 */
export interface IngestLogOptions {
  /** The receive number (`events.seq`) of the last event stored before: lines continue after it. */
  lastSeq: number;
  /** The number of the first segment file to write (after the ones recovered). */
  firstSegment: number;
  /** Events per segment before it is sealed. @default 131072 (over a row group, 122,880: DuckDB then writes it without its WAL) */
  segmentRows?: number;
  /** Time after a segment's first event at which it is sealed anyway (reads do not wait for it: they seal). @default 5000 */
  sealAfterMs?: number;
  /** A sealed segment: its path and the largest receive number in it. */
  onSealed: (path: string, lastSeq: number) => void;
}

export interface IngestLog {
  /** Appends the rows (numbering them); resolves once they are on disk, rejects when they could not be written. */
  append(rows: readonly EventRow[]): Promise<void>;
  /**
   * Seals the segment being written, as of now: every row appended before this call is in
   * a sealed segment once the promise resolves, every row after goes to the next one.
   */
  seal(): Promise<void>;
  /** Takes `n` receive numbers without writing rows (a write that goes straight to the database); returns the first. */
  reserve(n: number): number;
  /** The last receive number given out. */
  lastSeq(): number;
  /** Writes what is queued, seals, and refuses further appends. */
  close(): Promise<void>;
}

/** What the writing loop works through, in order: lines to write, and seal marks. */
type Entry = { text: string; rows: number; lastSeq: number; resolve: () => void; reject: (e: unknown) => void } | { seal: true; resolve: () => void };

export const DEFAULT_SEGMENT_ROWS = 131_072;
/**
 * Every read loads what was acknowledged before it (createLoggedIngest.ts catchUp), so this
 * age only bounds how long events wait in the log when nobody reads: what a restart after a
 * crash replays. Larger loads cost DuckDB less per event: under the bench's load (about
 * 14,000 events/s) a 1 s age made loads of ~6,000 events and cost the collector 49 µs per
 * event in all, 5 s made ~70,000 and 35 µs (DuckDB's threads 24 → 7 µs).
 */
export const DEFAULT_SEAL_AFTER_MS = 5000;

export function createIngestLog(dir: string, o: IngestLogOptions): IngestLog {
  const segmentRows = o.segmentRows ?? DEFAULT_SEGMENT_ROWS;
  const sealAfterMs = o.sealAfterMs ?? DEFAULT_SEAL_AFTER_MS;
  let seq = o.lastSeq;
  let nextSegment = o.firstSegment;
  let queue: Entry[] = [];
  let running: Promise<void> | null = null;
  let closed = false;
  // Rows appended to the segment now filling (logically, before any seal mark in the queue).
  let queuedInSegment = 0;
  let timer: NodeJS.Timeout | undefined;
  // The open segment file, as the writing loop sees it.
  let file: { handle: FileHandle; path: string; bytes: number; lastSeq: number } | null = null;

  function kick() {
    running ??= work().finally(() => {
      running = null;
      if (queue.length) kick();
    });
  }

  function markSeal(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    queuedInSegment = 0;
    return new Promise<void>((resolve) => {
      queue.push({ seal: true, resolve });
      kick();
    });
  }

  async function work() {
    while (queue.length) {
      // Everything up to the first seal mark is one write and one fdatasync.
      const cut = queue.findIndex((e) => 'seal' in e);
      const lines = (cut < 0 ? queue : queue.slice(0, cut)) as Extract<Entry, { text: string }>[];
      queue = cut < 0 ? [] : queue.slice(cut);
      if (lines.length) await writeGroup(lines);
      const mark = queue[0];
      if (mark && 'seal' in mark) {
        queue.shift();
        await sealFile();
        mark.resolve();
      }
    }
  }

  async function writeGroup(lines: Extract<Entry, { text: string }>[]) {
    try {
      if (!file) {
        const path = join(dir, segmentName(nextSegment++));
        const handle = await open(path, 'wx');
        // The new file's name must survive a crash too, not only its bytes.
        syncDirectory(dir);
        file = { handle, path, bytes: 0, lastSeq: seq };
      }
      const buf = Buffer.from(lines.length == 1 ? lines[0]!.text : lines.map((l) => l.text).join(''), 'utf8');
      try {
        await file.handle.write(buf, 0, buf.length, file.bytes);
        await file.handle.datasync();
      } catch (e) {
        // Nothing of this group was acknowledged: cut the file back so no half line is left
        // for the loader (a full disk, an I/O error); the senders get a 500 and retry.
        await file.handle.truncate(file.bytes).catch(() => {});
        throw e;
      }
      file.bytes += buf.length;
      file.lastSeq = lines[lines.length - 1]!.lastSeq;
      for (const l of lines) l.resolve();
    } catch (e) {
      for (const l of lines) l.reject(e);
    }
  }

  async function sealFile() {
    if (!file) return;
    const { handle, path, lastSeq } = file;
    file = null;
    await handle.close().catch(() => {});
    o.onSealed(path, lastSeq);
  }

  return {
    append(rows) {
      if (closed) return Promise.reject(new Error('the ingest log is closed'));
      if (!rows.length) return Promise.resolve();
      let text = '';
      for (const r of rows) text += toLogLine(r, ++seq);
      const lastSeq = seq;
      const done = new Promise<void>((resolve, reject) => queue.push({ text, rows: rows.length, lastSeq, resolve, reject }));
      if (queuedInSegment == 0) {
        timer = setTimeout(() => void markSeal(), sealAfterMs);
        timer.unref();
      }
      queuedInSegment += rows.length;
      if (queuedInSegment >= segmentRows) void markSeal();
      kick();
      return done;
    },
    seal: () => markSeal(),
    reserve(n) {
      const first = seq + 1;
      seq += n;
      return first;
    },
    lastSeq: () => seq,
    async close() {
      closed = true;
      await markSeal();
      while (running) await running;
    },
  };
}
