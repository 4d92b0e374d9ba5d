// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { READ_KEY, WRITE_KEY, ev, ingest, postBatch, startTestCollector, type TestCollector } from './helpers.js';

/** The live view's API: GET /v1/events/recent (contract in docs/collector.md). */
let c: TestCollector;
beforeEach(async () => {
  c = await startTestCollector();
});
afterEach(async () => {
  await c.stop();
});

async function recent(params: Record<string, string> = {}, key = READ_KEY) {
  const res = await fetch(`${c.url}/v1/events/recent?${new URLSearchParams(params)}`, { headers: { authorization: `Bearer ${key}` } });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}
const names = (b: { events: { event: string | null }[] }) => b.events.map((e) => String(e.event));

describe('GET /v1/events/recent', () => {
  it('needs a read key (a write key is not one)', async () => {
    expect((await recent({}, 'nope-nope')).status).toBe(401);
    expect((await recent({}, WRITE_KEY)).status).toBe(401);
  });

  it('returns the last `limit` events, newest last, with the fields the live view shows', async () => {
    await ingest(c.url, [1, 2, 3, 4, 5].map((i) => ev({ event: `E${i}`, user: 'u1', at: Date.now() - 1000 + i, path: `/p${i}`, props: { n: i } })));
    const r = await recent({ limit: '3' });
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(names(r.body)).toEqual(['E3', 'E4', 'E5']);
    const e = r.body.events[2];
    expect(e).toMatchObject({ type: 'track', event: 'E5', userId: 'u1', anonymousId: 'anon-u1', page: '/p5', properties: { n: 5 } });
    expect(Date.parse(e.receivedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(typeof e.timestamp).toBe('string');
    expect(typeof r.body.cursor).toBe('string');
  });

  it('with the cursor as `after`, returns only newer events, and nothing twice', async () => {
    await ingest(c.url, [ev({ event: 'A', user: 'u1', at: Date.now() })]);
    const first = await recent();
    expect(names(first.body)).toEqual(['A']);
    const none = await recent({ after: first.body.cursor });
    expect(none.body.events).toEqual([]);
    await ingest(c.url, [ev({ event: 'B', user: 'u1', at: Date.now() }), ev({ event: 'C', user: 'u1', at: Date.now() })]);
    const next = await recent({ after: none.body.cursor });
    expect(names(next.body)).toEqual(['B', 'C']);
    expect((await recent({ after: next.body.cursor })).body.events).toEqual([]);
  });

  it('a client that fell behind catches up page by page, in receive order, without gaps', async () => {
    const start = (await recent()).body.cursor;
    // Several requests in flight at once: their group commits must not let a cursor skip rows.
    await Promise.all([0, 1, 2, 3].map((b) => ingest(c.url, Array.from({ length: 25 }, (_, i) => ev({ event: `b${b}-${i}`, user: 'u1', at: Date.now() })))));
    const seen: string[] = [];
    let cursor = start;
    for (let page = 0; page < 10; page++) {
      const r = await recent({ after: cursor, limit: '30' });
      expect(r.body.events.length).toBeLessThanOrEqual(30);
      seen.push(...names(r.body));
      cursor = r.body.cursor;
      if (!r.body.events.length) break;
    }
    expect(seen).toHaveLength(100);
    expect(new Set(seen).size).toBe(100);
    // Within one request, events keep their batch order.
    for (let b = 0; b < 4; b++) {
      const mine = seen.filter((n) => n.startsWith(`b${b}-`));
      expect(mine).toEqual(Array.from({ length: 25 }, (_, i) => `b${b}-${i}`));
    }
  });

  it('filters by event and by person (a user id also finds the anonymous events linked to it)', async () => {
    await ingest(c.url, [
      ev({ event: 'Clicked', anon: 'anon-9', at: Date.now() - 3000 }),
      ev({ type: 'identify', user: 'u9', anon: 'anon-9', at: Date.now() - 2000 }),
      ev({ event: 'Clicked', user: 'u8', at: Date.now() - 1000 }),
      ev({ event: 'Saved', user: 'u9', anon: 'anon-9', at: Date.now() }),
    ]);
    expect(names((await recent({ event: 'Clicked' })).body)).toEqual(['Clicked', 'Clicked']);
    expect((await recent({ person: 'u9' })).body.events.map((e: any) => e.type + ':' + (e.event ?? ''))).toEqual(['track:Clicked', 'identify:', 'track:Saved']);
    expect((await recent({ person: 'u9', event: 'Clicked' })).body.events).toHaveLength(1);
    expect((await recent({ person: 'u8' })).body.events).toHaveLength(1);
    // An empty filter box is no filter.
    expect((await recent({ event: '', person: '' })).body.events).toHaveLength(4);
  });

  it('a filtered follow-up does not rescan what it has already passed', async () => {
    await ingest(c.url, [ev({ event: 'Other', user: 'u1', at: Date.now() })]);
    const r = await recent({ event: 'Wanted' });
    expect(r.body.events).toEqual([]);
    await ingest(c.url, [ev({ event: 'Wanted', user: 'u1', at: Date.now() })]);
    const r2 = await recent({ event: 'Wanted', after: r.body.cursor });
    expect(names(r2.body)).toEqual(['Wanted']);
    expect(Number(r2.body.cursor)).toBeGreaterThan(Number(r.body.cursor));
  });

  it('only shows the read key\'s own project', async () => {
    await c.stop();
    c = await startTestCollector({
      projects: [
        { id: 'one', writeKeys: ['wk_one_0001_public'], readKeys: ['rk_one_0001_secret'] },
        { id: 'two', writeKeys: ['wk_two_0002_public'], readKeys: ['rk_two_0002_secret'] },
      ],
    });
    await postBatch(c.url, [ev({ event: 'One', user: 'u', at: Date.now() })], { writeKey: 'wk_one_0001_public' });
    await postBatch(c.url, [ev({ event: 'Two', user: 'u', at: Date.now() })], { writeKey: 'wk_two_0002_public' });
    expect(names((await recent({}, 'rk_one_0001_secret')).body)).toEqual(['One']);
    expect(names((await recent({}, 'rk_two_0002_secret')).body)).toEqual(['Two']);
  });

  it('rejects a bad limit or cursor with a message naming the parameter', async () => {
    for (const limit of ['0', '501', 'x', '1.5']) {
      const r = await recent({ limit });
      expect(r.status).toBe(400);
      expect(r.body.message).toMatch(/^limit:/);
    }
    const r = await recent({ after: "1; DROP TABLE events" });
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/after/);
    expect((await recent({ limit: '500' })).status).toBe(200);
  });
});
