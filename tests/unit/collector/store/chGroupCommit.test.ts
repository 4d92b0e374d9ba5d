// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createChWriter } from '../../../../packages/collector/src/store/clickhouse/createChWriter.js';
import type { ClickHouseExecutor } from '../../../../packages/collector/src/store/clickhouse/ClickHouseExecutor.js';
import type { EventRow } from '../../../../packages/collector/src/store/EventRow.js';
import { eventRow } from './eventRow.js';

/**
 * The ClickHouse writer's group commit (issue 16): requests arriving within the wait share
 * one insert (the engine's cost is per insert more than per row), a full group goes at
 * once, and a request is answered only once the insert holding its rows was acknowledged.
 * The executor here records inserts; the SQL side runs on the real engine in
 * clickhouseSummaries / storeParity.
 */
const row = (messageId: string): EventRow => eventRow(messageId, 1, { anonymousId: 'a' });
const batch = (tag: string, n: number) => Array.from({ length: n }, (_, i) => row(`${tag}-${i}`));

/** An executor whose event inserts are recorded and acknowledged when the test says so. */
function recordingExecutor(o: { fail?: (ids: string[]) => boolean } = {}) {
  const inserts: string[][] = [];
  const acks: (() => void)[] = [];
  const x: ClickHouseExecutor = {
    command: async () => {},
    query: async () => [],
    insert: async (table, rows) => {
      if (table != 'events') return;
      const ids = rows.map((r) => String(r.message_id));
      inserts.push(ids);
      await new Promise<void>((resolve) => acks.push(resolve));
      if (o.fail?.(ids)) throw new Error('rejected by the server');
    },
    close: async () => {},
  };
  return { x, inserts, ackAll: () => acks.splice(0).forEach((a) => a()) };
}

/** Settles of a write, observable without awaiting it. */
function track(p: Promise<void>) {
  const s = { done: false, error: null as unknown };
  p.then(() => (s.done = true), (e) => (s.error = e));
  return s;
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ClickHouse group commit (createChWriter)', () => {
  it('puts requests arriving within the wait into one insert, and answers none before its acknowledgement', async () => {
    const { x, inserts, ackAll } = recordingExecutor();
    const w = createChWriter(x, 0, { gatherMs: 50, gatherRows: 5000 });
    const a = track(w.write(batch('a', 100)));
    await vi.advanceTimersByTimeAsync(10);
    const b = track(w.write(batch('b', 100)));
    await vi.advanceTimersByTimeAsync(30);
    const c = track(w.write(batch('c', 100)));
    expect(inserts).toEqual([]);
    await vi.advanceTimersByTimeAsync(10);
    expect(inserts.map((i) => i.length)).toEqual([300]);
    expect([a.done, b.done, c.done]).toEqual([false, false, false]);
    ackAll();
    await vi.advanceTimersByTimeAsync(0);
    expect([a.done, b.done, c.done]).toEqual([true, true, true]);
  });

  it('starts at once when the group holds gatherRows events', async () => {
    const { x, inserts, ackAll } = recordingExecutor();
    const w = createChWriter(x, 0, { gatherMs: 50, gatherRows: 200 });
    const a = track(w.write(batch('a', 100)));
    const b = track(w.write(batch('b', 100)));
    await vi.advanceTimersByTimeAsync(0);
    expect(inserts.map((i) => i.length)).toEqual([200]);
    ackAll();
    await vi.advanceTimersByTimeAsync(0);
    expect([a.done, b.done]).toEqual([true, true]);
  });

  it('gathers the next group while an insert runs, then waits again only up to gatherMs', async () => {
    const { x, inserts, ackAll } = recordingExecutor();
    const w = createChWriter(x, 0, { gatherMs: 50, gatherRows: 5000 });
    track(w.write(batch('a', 100)));
    await vi.advanceTimersByTimeAsync(50);
    expect(inserts.length).toBe(1);
    // Arrives while the first insert is in flight: goes into the second.
    const b = track(w.write(batch('b', 100)));
    ackAll();
    await vi.advanceTimersByTimeAsync(20);
    const c = track(w.write(batch('c', 100)));
    await vi.advanceTimersByTimeAsync(30);
    expect(inserts.map((i) => i[0]!.split('-')[0])).toEqual(['a', 'b']);
    expect(inserts[1]!.length).toBe(200);
    ackAll();
    await w.idle();
    expect([b.done, c.done]).toEqual([true, true]);
  });

  it('with gatherMs 0 inserts as soon as the writer is free (the old behaviour)', async () => {
    const { x, inserts, ackAll } = recordingExecutor();
    const w = createChWriter(x, 0, { gatherMs: 0 });
    const a = track(w.write(batch('a', 1)));
    await vi.advanceTimersByTimeAsync(0);
    expect(inserts.length).toBe(1);
    ackAll();
    await w.idle();
    expect(a.done).toBe(true);
  });

  it('answers each request of a failed group on its own merits', async () => {
    const { x, inserts, ackAll } = recordingExecutor({ fail: (ids) => ids.some((id) => id.startsWith('bad')) });
    const w = createChWriter(x, 0, { gatherMs: 50, gatherRows: 5000 });
    const ok1 = track(w.write(batch('ok1', 10)));
    const bad = track(w.write(batch('bad', 10)));
    const ok2 = track(w.write(batch('ok2', 10)));
    for (let i = 0; i < 10 && !(ok1.done && ok2.done && bad.error); i++) {
      await vi.advanceTimersByTimeAsync(50);
      ackAll();
    }
    expect([ok1.done, ok2.done, bad.done]).toEqual([true, true, false]);
    expect(String(bad.error)).toContain('rejected by the server');
    expect(inserts[0]!.length).toBe(30);
  });
});
