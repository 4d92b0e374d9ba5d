// @vitest-environment node
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { createDuckDBStore } from '../../../../packages/collector/src/store/duckdb/createDuckDBStore.js';
import { MIGRATIONS } from '../../../../packages/collector/src/store/duckdb/migrations.js';
import type { EventRow } from '../../../../packages/collector/src/store/EventRow.js';
import { eventRow } from './eventRow.js';

/**
 * Issue 18: events sent with a userId only (Segment's server libraries) are stored with a
 * NULL anonymous id, also in a database created before that was allowed (migration 5).
 */
const T = 1_767_225_600_000;
const row = (messageId: string, o: Partial<EventRow>): EventRow => eventRow(messageId, T, o);

const dir = mkdtempSync(join(tmpdir(), 'sabu-nullanon-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('events with a userId only', () => {
  it('upgrade: a database at schema 4 with events takes userId-only events after migrating', async () => {
    const path = join(dir, 'old.duckdb');
    const old = await DuckDBInstance.create(path);
    const conn = await old.connect();
    for (const m of MIGRATIONS.slice(0, 4)) await conn.run(m);
    await conn.run("CREATE TABLE sabu_meta (key VARCHAR PRIMARY KEY, value VARCHAR); INSERT INTO sabu_meta VALUES ('schema_version', '4')");
    await conn.run("INSERT INTO events (project_id, message_id, type, anonymous_id, ts, original_ts, received_at, seq) VALUES ('p', 'old-1', 'track', 'anon-old', now()::TIMESTAMP, now()::TIMESTAMP, now()::TIMESTAMP, 1)");
    await conn.run('CHECKPOINT');
    conn.closeSync();
    old.closeSync();

    const store = await createDuckDBStore(path);
    try {
      await store.insertEvents([row('srv-1', { userId: 'u1' })]);
      expect(await store.querySql("SELECT message_id, anonymous_id, user_id FROM events ORDER BY message_id")).toEqual([
        { message_id: 'old-1', anonymous_id: 'anon-old', user_id: null },
        { message_id: 'srv-1', anonymous_id: null, user_id: 'u1' },
      ]);
    } finally {
      await store.close();
    }
  });

  it('resolves a userId-only event and an alias to the person the browser identified', async () => {
    const store = await createDuckDBStore(':memory:');
    try {
      await store.insertEvents([
        row('web-1', { anonymousId: 'anon-1', type: 'page', event: null }),
        row('web-2', { anonymousId: 'anon-1', userId: 'u1', type: 'identify', event: null, timestamp: T + 1 }),
        row('srv-1', { userId: 'u1', event: 'Report Published', timestamp: T + 2 }),
        // A second browser, joined by alias rather than identify.
        row('web-3', { anonymousId: 'anon-2', event: 'Opened', timestamp: T + 3 }),
        row('srv-2', { userId: 'u1', type: 'alias', event: null, previousId: 'anon-2', timestamp: T + 4 }),
      ]);
      const people = await store.querySql("SELECT message_id, person_id FROM resolved_events ORDER BY message_id");
      expect(people.every((p) => p.person_id == 'u1')).toBe(true);
      expect(people).toHaveLength(5);
    } finally {
      await store.close();
    }
  });
});
