import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { createIdbStore, ENTRY_RECORDS } from '../../../../packages/sdk/src/browser/idbStore';

const rec = (k: string) => ({ k, s: `{"k":"${k}"}` });
let n = 0;
const fresh = () => createIdbStore('sabu-test-' + n++);

describe('createIdbStore', () => {
  it('returns the head in key order, whatever the insertion order', async () => {
    const store = fresh();
    await store.put([rec('b'), rec('a')], 100);
    await store.put([rec('c')], 100);
    expect((await store.head(2)).map((r) => r.k)).toEqual(['a', 'b']);
  });

  it('trims the oldest past max in the same write and says how many', async () => {
    const store = fresh();
    expect(await store.put([rec('1'), rec('2'), rec('3')], 5)).toBe(0);
    expect(await store.put([rec('4'), rec('5'), rec('6'), rec('7')], 5)).toBe(2);
    expect((await store.head(10)).map((r) => r.k)).toEqual(['3', '4', '5', '6', '7']);
  });

  it('deletes acknowledged keys and clears', async () => {
    const store = fresh();
    await store.put([rec('1'), rec('2'), rec('3')], 10);
    await store.del(['1', '3']);
    expect((await store.head(10)).map((r) => r.k)).toEqual(['2']);
    await store.clear();
    expect(await store.head(10)).toEqual([]);
  });

  it('is shared by two instances of the same name (two tabs)', async () => {
    const name = 'sabu-shared-' + n++;
    await createIdbStore(name).put([rec('x')], 10);
    expect((await createIdbStore(name).head(10)).map((r) => r.k)).toEqual(['x']);
  });
});

/** The raw entries of a store: [key, number of records] (a record alone in the layout before entries). */
const entries = (name: string) =>
  new Promise<Array<[string, number]>>((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => {
      const s = req.result.transaction('q').objectStore('q');
      const keys = s.getAllKeys();
      const values = s.getAll();
      values.onsuccess = () => resolve(keys.result.map((k, i) => [String(k), [values.result[i]].flat().length]));
      values.onerror = () => reject(values.error);
    };
  });
/** Writes records the way the store did before entries: one record per key. */
const putOldLayout = (name: string, recs: Array<{ k: string; s: string }>) =>
  new Promise<void>((resolve) => {
    const req = indexedDB.open(name);
    req.onupgradeneeded = () => req.result.createObjectStore('q');
    req.onsuccess = () => {
      const tx = req.result.transaction('q', 'readwrite');
      for (const r of recs) tx.objectStore('q').put(r, r.k);
      tx.oncomplete = () => (req.result.close(), resolve());
    };
  });
const keysOf = (n: number, from = 0) => Array.from({ length: n }, (_, i) => 'k' + String(from + i).padStart(5, '0'));

describe('createIdbStore entries (one IndexedDB request per up to ENTRY_RECORDS records)', () => {
  it('writes a burst as a few entries and reads it back whole and in order', async () => {
    const name = 'sabu-entries-' + n++;
    const store = createIdbStore(name);
    const keys = keysOf(2 * ENTRY_RECORDS + 1);
    await store.put(keys.map(rec), 100_000);
    expect((await entries(name)).map(([, c]) => c)).toEqual([ENTRY_RECORDS, ENTRY_RECORDS, 1]);
    expect((await store.head(ENTRY_RECORDS)).map((r) => r.k)).toEqual(keys.slice(0, ENTRY_RECORDS));
    expect((await store.head(100_000)).map((r) => r.k)).toEqual(keys);
  });

  it('deletes some records of an entry by rewriting the rest, and whole entries outright', async () => {
    const name = 'sabu-entries-' + n++;
    const store = createIdbStore(name);
    const keys = keysOf(ENTRY_RECORDS + 10);
    await store.put(keys.map(rec), 100_000);
    await store.del(keys.slice(0, ENTRY_RECORDS)); // the first entry, whole
    expect((await entries(name)).map(([, c]) => c)).toEqual([10]);
    await store.del([keys[ENTRY_RECORDS + 3]!, 'not-stored']);
    expect((await store.head(100)).map((r) => r.k)).toEqual(keys.slice(ENTRY_RECORDS).filter((_, i) => i != 3));
    expect((await entries(name)).map(([, c]) => c)).toEqual([9]);
  });

  it('deletes a batch it read whole without reading its entries again, and only those', async () => {
    const name = 'sabu-entries-' + n++;
    const store = createIdbStore(name);
    const keys = keysOf(2 * ENTRY_RECORDS + 10);
    await store.put(keys.map(rec), 100_000);
    const batch = (await store.head(ENTRY_RECORDS)).map((r) => r.k);
    const get = vi.spyOn(IDBObjectStore.prototype, 'get');
    await store.del(batch);
    // Reading a 500-record entry back to find nothing left in it was the largest thing on
    // the page's heap after a burst (issue 19), and a deserialisation per batch.
    expect(get).not.toHaveBeenCalled();
    expect((await entries(name)).map(([, c]) => c)).toEqual([ENTRY_RECORDS, 10]);
    // Part of an entry it read: the rest of it is read and written back.
    const next = (await store.head(ENTRY_RECORDS)).map((r) => r.k);
    await store.del(next.filter((_, i) => i % 2));
    expect(get).toHaveBeenCalledTimes(1);
    expect((await store.head(100_000)).map((r) => r.k)).toEqual([...next.filter((_, i) => i % 2 == 0), ...keys.slice(2 * ENTRY_RECORDS)]);
    get.mockRestore();
  });

  it('trims the oldest records past max even in the middle of an entry', async () => {
    const store = fresh();
    await store.put(keysOf(5).map(rec), 100);
    expect(await store.put(keysOf(3, 5).map(rec), 6)).toBe(2);
    expect((await store.head(100)).map((r) => r.k)).toEqual(keysOf(6, 2));
  });

  it('reads, sends and deletes records a version before entries stored one per key', async () => {
    const name = 'sabu-old-' + n++;
    await putOldLayout(name, keysOf(3).map(rec));
    const store = createIdbStore(name);
    await store.put([rec('k00003')], 100);
    expect((await store.head(10)).map((r) => r.k)).toEqual(keysOf(4));
    await store.del(['k00001', 'k00003']);
    expect((await store.head(10)).map((r) => r.k)).toEqual(['k00000', 'k00002']);
    expect(await store.put([rec('k00004')], 2)).toBe(1); // the bound counts records of both layouts
    expect((await store.head(10)).map((r) => r.k)).toEqual(['k00002', 'k00004']);
  });

  it('keeps parked records out of the head and in entries of their own', async () => {
    const name = 'sabu-parked-' + n++;
    const store = createIdbStore(name);
    await store.put([rec('k00001')], 100);
    await store.put([rec('~k00000'), rec('~k00002')], 100); // parking writes parked records alone
    expect((await store.head(10)).map((r) => r.k)).toEqual(['k00001']);
    expect((await store.parked()).map((r) => r.k)).toEqual(['~k00000', '~k00002']);
    expect((await entries(name)).map(([, c]) => c)).toEqual([1, 2]);
  });
});
