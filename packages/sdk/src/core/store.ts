/**
 * Key prefix of parked records (see createQueue's `park`): `~` sorts after every normal
 * key, so they stay out of `head()` and keep their order for when they come back.
 */
export const PARKED = '~';

/** Characters of the page's id at the end of a record key: the queue tells its own records by it. */
export const PAGE_ID_CHARS = 6;

/** One accepted event as kept until the collector acknowledges it. */
export interface QueueRecord {
  /** Sort key: time of acceptance, then a per-page counter, then the page's id ({@link PAGE_ID_CHARS} characters). */
  k: string;
  /** The message, already serialised (so a batch body is built by joining strings). */
  s: string;
}

/**
 * Where accepted events wait. The browser's IndexedDB store is shared by every tab of
 * the origin; the memory store is the fallback when IndexedDB is unavailable.
 */
export interface QueueStore {
  /** Adds records and trims the oldest past `max`; resolves with how many were trimmed. */
  put(records: QueueRecord[], max: number): Promise<number>;
  /** The oldest `n` records, in key order; never parked ones. */
  head(n: number): Promise<QueueRecord[]>;
  /** The parked records (keys starting with {@link PARKED}). */
  parked(): Promise<QueueRecord[]>;
  del(keys: string[]): Promise<void>;
  clear(): Promise<void>;
  /**
   * False while a write started now would still wait for the store to open: it reaches the
   * browser's storage only in a later task, and a page leaving meanwhile loses it. Absent:
   * always open.
   */
  ready?(): boolean;
}

/** A synchronous, in-page store; also the page's mirror of what it has not seen acknowledged. */
export function createMemoryStore() {
  const map = new Map<string, QueueRecord>();
  const store = {
    _map: map,
    put(records: QueueRecord[], max: number) {
      for (const r of records) map.set(r.k, r);
      let trimmed = 0;
      for (const k of map.keys()) {
        if (map.size <= max) break;
        map.delete(k);
        trimmed++;
      }
      return Promise.resolve(trimmed);
    },
    head(n: number) {
      return Promise.resolve([...map.values()].filter((r) => r.k < PARKED).sort((a, b) => (a.k < b.k ? -1 : 1)).slice(0, n));
    },
    parked() {
      return Promise.resolve([...map.values()].filter((r) => r.k >= PARKED));
    },
    del(keys: string[]) {
      for (const k of keys) map.delete(k);
      return Promise.resolve();
    },
    clear() {
      map.clear();
      return Promise.resolve();
    },
  };
  return store;
}
export type MemoryStore = ReturnType<typeof createMemoryStore>;
