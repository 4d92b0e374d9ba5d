import { promisifyRequest } from 'idb-keyval';
import { PARKED, type QueueRecord, type QueueStore } from '../core/store.js';

/**
 * Most records in one IndexedDB entry. Each IndexedDB request costs the page tens of
 * microseconds whatever it holds (issue 19: 10,000 puts and 10,000 deletes were most of a
 * burst's main-thread time), so records are written in entries of up to this many, the
 * size of a request (MAX_BATCH_EVENTS): a batch is then usually one entry to write, read
 * and delete.
 */
export const ENTRY_RECORDS = 500;

const byKey = (a: QueueRecord, b: QueueRecord) => (a.k < b.k ? -1 : 1);
/** An entry's records, sorted by key; a store written before entries holds one record per key. */
const recordsOf = (v: QueueRecord[] | QueueRecord): QueueRecord[] => [v].flat();
/**
 * An entry's key is `first count last` (its records' keys): entries sort by their first
 * record (a space sorts before every character of a record key), and the count and the
 * range are known from the keys alone. A key without spaces is a single record's.
 */
const keyOf = (recs: QueueRecord[]) => `${recs[0]!.k} ${recs.length} ${recs[recs.length - 1]!.k}`;
const parse = (key: string): [string, number, string] => {
  const [first, n, last] = key.split(' ');
  return [first!, +n! || 1, last || first!];
};

/**
 * The durable queue: one IndexedDB object store per write key, shared by every tab of
 * the origin, holding records in entries (see {@link ENTRY_RECORDS}). The database is
 * opened on first use; once open, a write starts in the same task, so the records are
 * copied out of the page's heap at once (structured clone).
 */
export function createIdbStore(name: string): QueueStore {
  let db: IDBDatabase | null = null;
  let opening: Promise<IDBDatabase> | null = null;
  /**
   * The record keys of each entry the last `head` read. An acknowledged batch is usually
   * whole entries: `del` then deletes them without reading them back (issue 19: reading a
   * 500-record entry to find nothing left was the largest thing on the heap after a
   * burst's loop, and a deserialisation per batch). Exact: an entry's key names its first
   * and last record and its count, and an entry is replaced only under another key, or
   * under the same one by the same records (a spill taken in again: one page's records,
   * sorted, from the same first to the same last).
   */
  let read = new Map<string, string[]>();
  const open = () => {
    if (!opening) {
      const req = indexedDB.open(name);
      req.onupgradeneeded = () => req.result.createObjectStore('q');
      opening = promisifyRequest(req).then((d) => {
        // Closed by the browser (storage cleared, version change): open again on next use.
        d.onclose = () => (db = opening = null);
        return (db = d);
      });
    }
    return opening;
  };
  const use = <T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => T | Promise<T>): Promise<T> =>
    new Promise((resolve) => {
      const run = (d: IDBDatabase) => fn(d.transaction('q', mode).objectStore('q'));
      resolve(db ? run(db) : open().then(run));
    });
  const write = (fn: (s: IDBObjectStore) => void) =>
    use('readwrite', (s) => {
      fn(s);
      return promisifyRequest(s.transaction);
    });
  /**
   * Writes records in entries. A function of its own: a closure of `put` holding them would
   * keep them on the heap until the write settles, as every closure made in one function
   * call shares one context in V8 (issue 19), though the store copied them at once.
   */
  const putEntries = (records: QueueRecord[]) => {
    const sorted = records.slice().sort(byKey);
    return write((s) => {
      // A write holds waiting records only, or parked ones only (createQueue's persist
      // and park), and parked keys sort after every other: an entry never mixes them.
      for (let i = 0; i < sorted.length; i += ENTRY_RECORDS) {
        const recs = sorted.slice(i, i + ENTRY_RECORDS);
        s.put(recs, keyOf(recs));
      }
      // Committed now rather than when the task ends: a long task (a burst) does not hold it back.
      s.transaction.commit?.();
    });
  };
  /** Replaces an entry by what is left of it. */
  const rewrite = (s: IDBObjectStore, key: string, rest: QueueRecord[]) => {
    s.delete(key);
    if (rest.length) s.put(rest, keyOf(rest));
  };

  return {
    put(records, max) {
      let trimmed = 0;
      const written = putEntries(records);
      // Bound the queue: drop the oldest records past `max`, in a write of its own (it reads first).
      const bounded = max < Infinity && write((s) => {
        s.getAllKeys().onsuccess = function () {
          const keys = this.result as string[];
          let over = -max;
          for (const k of keys) over += parse(k)[1];
          for (const k of keys) {
            const n = parse(k)[1];
            const cut = Math.min(n, over);
            if (cut < 1) break;
            trimmed += cut;
            over -= cut;
            if (cut == n) s.delete(k);
            else s.get(k).onsuccess = function () {
              rewrite(s, k, recordsOf(this.result).slice(cut));
            };
          }
        };
      });
      return Promise.all([written, bounded]).then(() => trimmed);
    },
    /** The oldest waiting records, entry by entry in key order (exact unless two tabs' entries overlap in time). */
    head: (n) =>
      use('readonly', (s) => {
        const out: QueueRecord[] = [];
        const req = s.openCursor(IDBKeyRange.upperBound(PARKED, true));
        read = new Map();
        return new Promise<QueueRecord[]>((resolve, reject) => {
          req.onsuccess = () => {
            const c = req.result;
            if (c && out.length < n) {
              const recs = recordsOf(c.value);
              read.set(c.primaryKey as string, recs.map((r) => r.k));
              out.push(...recs);
              c.continue();
            } else resolve(out.sort(byKey).slice(0, n));
          };
          req.onerror = () => reject(req.error);
        });
      }),
    parked: () => use('readonly', (s) => promisifyRequest(s.getAll(IDBKeyRange.lowerBound(PARKED)))).then((v) => v.flat() as QueueRecord[]),
    del(keys) {
      const gone = new Set(keys);
      return write((s) => {
        s.getAllKeys().onsuccess = function () {
          for (const key of this.result as string[]) {
            const [first, n, last] = parse(key);
            if (n < 2) gone.has(first) && s.delete(key);
            // Forgotten with the entry: the keys of a burst's last batch would stay on the heap.
            else if (read.get(key)?.every((k) => gone.has(k))) s.delete(key), read.delete(key);
            else if (keys.some((k) => k >= first && k <= last)) s.get(key).onsuccess = function () {
              const recs = recordsOf(this.result);
              const rest = recs.filter((r) => !gone.has(r.k));
              if (rest.length < recs.length) rewrite(s, key, rest);
            };
          }
        };
      });
    },
    clear: () => write((s) => s.clear()),
    ready: () => !!db,
  };
}
