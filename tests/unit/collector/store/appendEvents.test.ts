// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDuckDBStore } from '../../../../packages/collector/src/store/duckdb/createDuckDBStore.js';
import { fastPathFits, withAppender } from '../../../../packages/collector/src/store/duckdb/appendEvents.js';
import type { Store } from '../../../../packages/collector/src/store/Store.js';
import type { EventRow } from '../../../../packages/collector/src/store/EventRow.js';
import { eventRow } from './eventRow.js';
import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * Issue 16: new events are appended straight into `events`; a group the fast path cannot
 * take (a message id stored before or repeated, JSON it cannot vouch for) is redone
 * through the staging table, with the same outcome as before the fast path existed.
 */
const T = 1_767_225_600_000;
const row = (messageId: string, o: Partial<EventRow> = {}): EventRow => eventRow(messageId, T, { anonymousId: 'a', properties: '{"n":1}', ...o });
const stored = (store: Store) => store.querySql(`SELECT message_id AS id, properties, epoch_ms(ts) AS ts, seq FROM events ORDER BY seq`);

let store: Store;
beforeEach(async () => {
  store = await createDuckDBStore(':memory:');
});
afterEach(() => store.close());

describe('appending events', () => {
  it('stores a batch that repeats a stored message id without the repeat, numbered in order', async () => {
    await store.insertEvents([row('a'), row('b')]);
    await store.insertEvents([row('c'), row('a', { properties: '{"n":2}', timestamp: T - 1 }), row('d')]);
    const rows = await stored(store);
    expect(rows.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);
    // The first copy stays as it was.
    expect(rows[0]).toMatchObject({ id: 'a', properties: '{"n":1}', ts: T });
    const seqs = rows.map((r) => Number(r.seq));
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(new Set(seqs).size).toBe(4);
  });

  it('keeps times to the millisecond, outside 1970–2100 as sent too', async () => {
    await store.insertEvents([row('x', { timestamp: T + 123, originalTimestamp: -8.64e15, receivedAt: 4_102_444_800_001 })]);
    expect(await store.querySql(`SELECT epoch_ms(ts) AS t, epoch_ms(original_ts) AS o, epoch_ms(received_at) AS r FROM events`)).toEqual([
      { t: T + 123, o: -8.64e15, r: 4_102_444_800_001 },
    ]);
  });

  it('lets the database check JSON the fast path cannot vouch for', async () => {
    expect(fastPathFits([row('ok', { properties: '{"a":"é\\n"}', context: '{"page":{}}' })])).toBe(true);
    for (const properties of ['{"x":"\\ud800"}', 'not json', '[1]', '"s"']) expect(fastPathFits([row('x', { properties })])).toBe(false);
    await expect(store.insertEvents([row('bad', { properties: '{"x":"\\ud800"}' })])).rejects.toThrow();
    await expect(store.insertEvents([row('bad2', { properties: 'not json' })])).rejects.toThrow();
    expect(await store.countEvents('p')).toBe(0);
  });
});

describe('withAppender', () => {
  // An appender that failed still holds its rows, and DuckDB flushes them again when it is
  // destroyed: at a garbage collection, inside another transaction, which then aborts.
  it('drops the rows of an appender whose flush failed before closing it', async () => {
    const calls: string[] = [];
    const appender = {
      appendVarchar: () => calls.push('append'),
      endRow: () => calls.push('endRow'),
      flushSync: () => {
        calls.push('flush');
        throw new Error('Failed to append: duplicate key');
      },
      clear: () => calls.push('clear'),
      closeSync: () => calls.push('close'),
    };
    const conn = { createAppender: async () => appender } as unknown as DuckDBConnection;
    await expect(withAppender(conn, 'events', (a) => (a.appendVarchar('x'), a.endRow()))).rejects.toThrow('duplicate key');
    expect(calls).toEqual(['append', 'endRow', 'flush', 'clear', 'close']);
  });
});
