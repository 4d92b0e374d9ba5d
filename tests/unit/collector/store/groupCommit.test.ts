// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { createDuckDBStore } from '../../../../packages/collector/src/store/duckdb/createDuckDBStore.js';
import { createWriter } from '../../../../packages/collector/src/store/duckdb/createWriter.js';
import { MIGRATIONS } from '../../../../packages/collector/src/store/duckdb/migrations.js';
import type { Store } from '../../../../packages/collector/src/store/Store.js';
import type { EventRow } from '../../../../packages/collector/src/store/EventRow.js';

const row = (projectId: string, messageId: string, properties: string | null = '{"ok":true}'): EventRow => ({
  projectId, messageId, type: 'track', event: 'E', anonymousId: 'a', userId: null, groupId: null,
  timestamp: 1_767_225_600_000, originalTimestamp: 1_767_225_600_000, receivedAt: 1_767_225_600_000,
  sessionId: null, pagePath: null, properties, traits: null, context: null,
});

let store: Store;
beforeAll(async () => {
  store = await createDuckDBStore(':memory:');
});
afterAll(() => store.close());

describe('group commit', () => {
  it('answers each member on its own merits when one member cannot be written', async () => {
    // Rows the database refuses (malformed JSON) in the middle of many concurrent writes,
    // so they share transactions with valid rows of another project.
    const writes = Array.from({ length: 60 }, (_, i) =>
      i % 15 == 7 ? [row('bad', `bad-${i}`, '{"x":"\\ud800"}')] : [row('good', `good-${i}`), row('good', `good-${i}b`)],
    );
    const results = await Promise.allSettled(writes.map((rows) => store.insertEvents(rows)));
    const statuses = results.map((r) => r.status);
    expect(statuses).toEqual(writes.map((rows) => (rows[0]!.projectId == 'bad' ? 'rejected' : 'fulfilled')));
    const [n] = await store.querySql(`SELECT count(*)::INT AS n, count(DISTINCT message_id)::INT AS d FROM events WHERE project_id = 'good'`);
    expect(n).toEqual({ n: 112, d: 112 });
    expect(await store.countEvents('bad')).toBe(0);
  });

  it('still stores a message id once when its retry races it inside one group', async () => {
    const r = row('good', 'dup-1');
    await Promise.all([store.insertEvents([row('good', 'warm')]), store.insertEvents([r]), store.insertEvents([r, r])]);
    const [x] = await store.querySql(`SELECT count(*)::INT AS n FROM events WHERE message_id = 'dup-1'`);
    expect(x).toEqual({ n: 1 });
  });

  it('finds one failing member among 64 in a few transactions, not one per member', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    for (const m of MIGRATIONS) await conn.run(m);
    let begins = 0;
    // The real connection, counting the transactions the writer opens.
    const counting = new Proxy(conn, {
      get(target, key) {
        const v = Reflect.get(target, key) as unknown;
        if (typeof v != 'function') return v;
        if (key != 'run') return v.bind(target);
        return (sql: string, ...rest: unknown[]) => {
          if (sql.startsWith('BEGIN')) begins++;
          return v.call(target, sql, ...rest);
        };
      },
    }) as DuckDBConnection;
    const writer = createWriter(counting, 0);
    const first = writer.write([row('w', 'warm')]);
    // These 64 queue behind the first commit and go into the next group together.
    const results = Promise.allSettled(Array.from({ length: 64 }, (_, i) => writer.write([row('w', `m${i}`, i == 41 ? '{"x":' : '{}')])));
    await first;
    begins = 0;
    const settled = await results;
    expect(settled.filter((r) => r.status == 'rejected')).toHaveLength(1);
    expect((settled[41] as PromiseRejectedResult).status).toBe('rejected');
    // The group, then at each of log2(64) = 6 levels one half that commits and one that fails.
    expect(begins).toBe(1 + 2 * 6);
    conn.closeSync();
    instance.closeSync();
  });
});
