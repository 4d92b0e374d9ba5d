import { createStore, promisifyRequest } from 'idb-keyval';
import { PARKED, type QueueRecord, type QueueStore } from '../core/store.js';

/**
 * The durable queue: one IndexedDB object store per write key, keyed by record key so
 * that reading the head in key order is one `getAll(null, n)`. Shared by every tab of
 * the origin. idb-keyval opens the database lazily and gives us the raw object store.
 */
export function createIdbStore(name: string): QueueStore {
  const use = createStore(name, 'q');
  const write = (fn: (s: IDBObjectStore) => void) =>
    use('readwrite', (s) => {
      fn(s);
      return promisifyRequest(s.transaction);
    });
  return {
    put(records, max) {
      let trimmed = 0;
      return write((s) => {
        for (const r of records) s.put(r, r.k);
        // Bound the queue in the same transaction: drop the oldest past `max`.
        s.count().onsuccess = function () {
          const over = this.result - max;
          if (over > 0) {
            trimmed = over;
            s.getAllKeys(null, over).onsuccess = function () {
              const keys = this.result;
              s.delete(IDBKeyRange.upperBound(keys[keys.length - 1]!));
            };
          }
        };
      }).then(() => trimmed);
    },
    head: (n) => use('readonly', (s) => promisifyRequest(s.getAll(IDBKeyRange.upperBound(PARKED, true), n) as IDBRequest<QueueRecord[]>)),
    parked: () => use('readonly', (s) => promisifyRequest(s.getAll(IDBKeyRange.lowerBound(PARKED)) as IDBRequest<QueueRecord[]>)),
    del: (keys) => write((s) => keys.forEach((k) => s.delete(k))),
    clear: () => write((s) => s.clear()),
  };
}
