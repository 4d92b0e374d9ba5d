// @vitest-environment node
import { afterAll, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { MIGRATIONS } from '../../../../../packages/collector/src/store/duckdb/migrations.js';
import { createLoader } from '../../../../../packages/collector/src/store/duckdb/ingestLog/createLoader.js';
import { toLogLine } from '../../../../../packages/collector/src/store/duckdb/ingestLog/logLine.js';
import type { EventRow } from '../../../../../packages/collector/src/store/EventRow.js';
import { eventRow } from '../eventRow.js';

/**
 * Issue 16: the loader sets aside only what the database refuses as data; when the
 * database cannot write (a full disk), the segments stay, reads fail instead of answering
 * without acknowledged events, and the load is tried again.
 */
const T = 1_767_225_600_000;
const row = (messageId: string): EventRow => eventRow(messageId, T, { anonymousId: 'a', properties: '{}' });
const dir = mkdtempSync(join(tmpdir(), 'sabu-loader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function database() {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  for (const m of MIGRATIONS) await conn.run(m);
  return conn;
}

/** The connection, failing the next `n` event inserts with `message`. */
function failing(conn: DuckDBConnection, message: string, n: number) {
  return new Proxy(conn, {
    get(target, key) {
      const v = Reflect.get(target, key) as unknown;
      if (typeof v != 'function') return v;
      if (key != 'run') return v.bind(target);
      return async (sql: string, ...rest: unknown[]) => {
        if (sql.startsWith('INSERT INTO events') && n-- > 0) throw new Error(message);
        return v.call(target, sql, ...rest);
      };
    },
  }) as DuckDBConnection;
}

const count = async (conn: DuckDBConnection) => Number((await conn.runAndReadAll('SELECT count(*) FROM events')).getRows()[0]![0]);

describe('the loader', () => {
  it('keeps the segments when the database cannot write, fails reads meanwhile, and loads them later', async () => {
    const conn = await database();
    const path = join(dir, 'a.ndjson');
    writeFileSync(path, toLogLine(row('a'), 1) + toLogLine(row('b'), 2));
    const notice = vi.fn();
    // Each attempt tries two ways in (plain, then the checked redo): three attempts fail,
    // the one at enqueue, the drain's and the direct write's.
    const loader = createLoader(failing(conn, 'IO Error: No space left on device', 6), { lastSeq: 0, notice });
    loader.enqueue(path, 2);
    await expect(loader.drain()).rejects.toThrow('No space');
    expect(existsSync(path)).toBe(true);
    await expect(loader.exclusive(async () => 'direct write')).rejects.toThrow();
    expect(notice).toHaveBeenCalledTimes(1);
    expect(String(notice.mock.calls[0]![0])).toMatch(/failed \(IO Error: No space left on device\); retrying/);
    await loader.drain();
    expect(await count(conn)).toBe(2);
    expect(existsSync(path)).toBe(false);
    expect(loader.lastSeq()).toBe(2);
  });

  it('sets aside only the segment the database refuses, loading the ones queued with it', async () => {
    const conn = await database();
    const good1 = join(dir, 'g1.ndjson');
    const bad = join(dir, 'bad.ndjson');
    const good2 = join(dir, 'g2.ndjson');
    writeFileSync(good1, toLogLine(row('g1'), 1));
    writeFileSync(bad, '{"seq":2,"project_id":"p","message_id":"x","type":"track","ts":"yesterday"}\n');
    writeFileSync(good2, toLogLine(row('g2'), 3));
    const notice = vi.fn();
    const loader = createLoader(conn, { lastSeq: 0, notice });
    for (const [p, s] of [[good1, 1], [bad, 2], [good2, 3]] as const) loader.enqueue(p, s);
    await loader.drain();
    expect(await count(conn)).toBe(2);
    expect([existsSync(`${bad}.refused`), existsSync(bad), existsSync(good1), existsSync(good2)]).toEqual([true, false, false, false]);
    expect(notice).toHaveBeenCalledTimes(1);
    expect(String(notice.mock.calls[0]![0])).toMatch(/refused ingest log segment .*bad\.ndjson: .*yesterday.*kept as \*\.refused/);
  });

  it('names and skips a queued segment that was removed, so the loads after it go on', async () => {
    const conn = await database();
    const good = join(dir, 'after-gone.ndjson');
    writeFileSync(good, toLogLine(row('kept'), 2));
    const notice = vi.fn();
    const loader = createLoader(conn, { lastSeq: 0, notice });
    loader.enqueue(join(dir, 'gone.ndjson'), 1);
    loader.enqueue(good, 2);
    await loader.drain();
    expect(await count(conn)).toBe(1);
    expect(notice.mock.calls.map((c) => String(c[0]))).toEqual([expect.stringMatching(/gone\.ndjson is gone/)]);
  });
});
