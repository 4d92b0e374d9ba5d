// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDuckDBStore } from '../../../packages/collector/src/store/duckdb/createDuckDBStore.js';
import type { EventRow } from '../../../packages/collector/src/store/EventRow.js';
import type { Store } from '../../../packages/collector/src/store/Store.js';

/** The store's live-view read on a table of 60,000 events, the newest number coming from the writer. */
const N = 60_010;
let store: Store;
const row = (i: number, over: Partial<EventRow> = {}): EventRow => ({
  projectId: 'p', messageId: `m${i}`, type: 'track', event: `E${i}`, anonymousId: `a${i % 100}`, userId: null, groupId: null,
  timestamp: 1_700_000_000_000 + i, originalTimestamp: 1_700_000_000_000 + i, receivedAt: 1_700_000_000_000 + i,
  sessionId: null, pagePath: null, properties: null, traits: null, context: null, ...over,
});

beforeAll(async () => {
  store = await createDuckDBStore(':memory:');
  const rows = Array.from({ length: N }, (_, i) => row(i, i == 3 ? { event: 'Rare' } : {}));
  for (let i = 0; i < rows.length; i += 20_000) await store.insertEvents(rows.slice(i, i + 20_000));
}, 60_000);
afterAll(() => store.close());

describe('recentEvents on a big table', () => {
  it('returns the newest events, newest last', async () => {
    const r = await store.recentEvents({ projectId: 'p', limit: 3 });
    expect(r.events.map((e) => e.event)).toEqual([`E${N - 3}`, `E${N - 2}`, `E${N - 1}`]);
  });

  it('finds a match far back in the table', async () => {
    const r = await store.recentEvents({ projectId: 'p', limit: 10, event: 'Rare' });
    expect(r.events.map((e) => e.messageId)).toEqual(['m3']);
    expect((await store.recentEvents({ projectId: 'p', limit: 10, after: r.cursor })).events).toEqual([]);
  });

  it('a cursor from the first answer picks up exactly what came next', async () => {
    const first = await store.recentEvents({ projectId: 'p', limit: 1 });
    await store.insertEvents([row(N), row(N + 1)]);
    const next = await store.recentEvents({ projectId: 'p', limit: 10, after: first.cursor });
    expect(next.events.map((e) => e.messageId)).toEqual([`m${N}`, `m${N + 1}`]);
  });
});
