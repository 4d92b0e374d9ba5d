import { createMemoryStore, type QueueRecord, type QueueStore } from '../../../../packages/sdk/src/core/store';
import type { fakePlatform } from '../fakePlatform';

/**
 * A durable store like IndexedDB before it commits: it copies what it is given (out of
 * the heap, as the browser does) and its writes settle only when the test says so.
 */
export function committing() {
  const inner = createMemoryStore();
  const writes: Array<{ commit: () => void; fail: (err: unknown) => void }> = [];
  const store: QueueStore = {
    ...inner,
    put(recs, max) {
      const copy = Buffer.from(JSON.stringify(recs));
      return new Promise<number>((resolve, reject) => {
        writes.push({
          commit: () => resolve(inner.put(JSON.parse(copy.toString()) as QueueRecord[], max)),
          fail: reject,
        });
      });
    },
  };
  return { store, writes };
}

export const sentIds = (fake: ReturnType<typeof fakePlatform>) => fake.sent.flatMap((s) => s.messages.map((m: any) => m.properties.i));
export const range = (n: number) => [...Array(n).keys()];
