import { mkdirSync, openSync, fsyncSync, closeSync, readdirSync, statSync, readSync, ftruncateSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The ingest log's files on disk: `<database>.ingest/000000000001.ndjson`, numbered in
 * the order they were written, so loading them by name keeps the receive order.
 */
export const logDirFor = (database: string) => `${database}.ingest`;

const SEGMENT = /^(\d{12})\.ndjson$/;
export const segmentName = (n: number) => `${String(n).padStart(12, '0')}.ndjson`;

/** fsync of a folder: a file created or renamed in it is on disk by name, not only by content. */
export function syncDirectory(dir: string) {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * The segments a previous run left (killed, or stopped before its loads finished), in
 * order, and the number the next segment takes. A segment's last line may be cut short
 * (killed inside a write): that line was never acknowledged, as the answer waits for the
 * fdatasync after the whole write, so it is cut off here and the rest is loaded.
 */
export function recoverSegments(dir: string): { paths: string[]; next: number } {
  mkdirSync(dir, { recursive: true });
  const names = readdirSync(dir).filter((n) => SEGMENT.test(n)).sort();
  const paths: string[] = [];
  for (const n of names) {
    const path = join(dir, n);
    const size = cutTornTail(path);
    if (size > 0) paths.push(path);
    else rmSync(path, { force: true });
  }
  // Numbers go on after every file of the log, set-aside ones (`*.refused`) included, so a
  // new segment never takes the name of one kept for the operator.
  let last = 0;
  for (const n of readdirSync(dir)) last = Math.max(last, Number(/^(\d{12})\.ndjson/.exec(n)?.[1] ?? 0));
  return { paths, next: last + 1 };
}

/** Cuts a file after its last newline; returns the size kept. */
function cutTornTail(path: string): number {
  const size = statSync(path).size;
  if (size == 0) return 0;
  const fd = openSync(path, 'r+');
  try {
    const chunk = Buffer.alloc(Math.min(size, 1 << 20));
    // A torn line is at most one request's events; read back from the end until a newline.
    for (let end = size; end > 0; ) {
      const start = Math.max(0, end - chunk.length);
      const n = readSync(fd, chunk, 0, end - start, start);
      const nl = chunk.subarray(0, n).lastIndexOf(10);
      if (nl >= 0) {
        const keep = start + nl + 1;
        if (keep < size) {
          ftruncateSync(fd, keep);
          fsyncSync(fd);
        }
        return keep;
      }
      end = start;
    }
    ftruncateSync(fd, 0);
    return 0;
  } finally {
    closeSync(fd);
  }
}
