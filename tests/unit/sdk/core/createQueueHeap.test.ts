// @vitest-environment node
// Node: its Blob keeps the bytes off the JavaScript heap, as browsers do, and gc() can be had.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { fakePlatform, startClient as start } from '../fakePlatform';
import { committing, range, sentIds } from './committingStore';

/** Issue 19: the heap right after a burst's loop, while its writes to the durable store wait to commit. */
describe('a burst on the heap', () => {
  it('holds a fraction of a burst on the heap while its writes wait to commit', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const { store, writes } = committing();
    const fake = fakePlatform({ store });
    const c = start(fake, { batchSize: 500, flushInterval: 600_000 });
    // One text of 10 KB per event, 20 MB for the burst; the value itself is shared, so the
    // messages kept for late subscribers cost little.
    const big = 'x'.repeat(10_000);
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 2000; i++) c.track('Burst', { i, big });
    gc();
    const held = process.memoryUsage().heapUsed - before;
    expect(writes).toHaveLength(4); // written while the loop ran, none settled
    expect(held).toBeLessThan(4 * 1024 * 1024);
    for (const w of writes) w.commit();
    await c.flush();
    expect(sentIds(fake)).toEqual(range(2000));
  });

});
