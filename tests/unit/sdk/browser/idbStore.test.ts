import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createIdbStore } from '../../../../packages/sdk/src/browser/idbStore';

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
