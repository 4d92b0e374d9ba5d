import { beforeEach, describe, expect, it } from 'vitest';
import { manual, sleep, storedCount, useE2E } from './utils/fixture';

const env = useE2E();
beforeEach(() => {
  env.collector.requests = [];
});

const trackN = (n: number, name = 'E') =>
  `for (let i = 0; i < ${n}; i++) sabu.track('${name}', { i })`;

const ids = (msgs: Array<Record<string, any>>) => msgs.map((m) => m.messageId);
const duplicates = (msgs: Array<Record<string, any>>) => ids(msgs).length - new Set(ids(msgs)).size;

describe('delivery', () => {
  it('collector down, reload, collector up: every event arrives, none twice', async () => {
    const { collector } = env;
    await collector.stop();
    const { page, ctx } = await env.open(manual());
    await page.evaluate(trackN(5, 'Before Reload'));
    await sleep(300);
    await page.reload();
    await page.evaluate(trackN(5, 'After Reload'));
    await sleep(500);
    expect(await storedCount(page)).toBe(12); // 2 page views + 10 events, all persisted
    await collector.start();
    await collector.waitFor(() => collector.events().length == 10, 30_000, '10 events');
    await collector.waitFor(() => collector.stored().filter((m) => m.type == 'page').length == 2);
    expect(collector.events()).toEqual([...Array(5).fill('Before Reload'), ...Array(5).fill('After Reload')]);
    expect(duplicates(collector.accepted())).toBe(0);
    await collector.waitFor(() => true);
    await sleep(300);
    expect(await storedCount(page)).toBe(0); // removed once acknowledged
    await ctx.close();
  });

  it('retries a 503 and delivers once the collector answers 200', async () => {
    const { collector } = env;
    collector.replyWith({ status: 503 }, { status: 503 });
    const { page, ctx } = await env.open(manual({ trackPages: false }));
    await page.evaluate(trackN(3));
    await collector.waitFor(() => collector.events().length == 3, 20_000);
    const statuses = collector.requests.map((r) => r.status);
    expect(statuses).toEqual([503, 503, 200]);
    // The retried bodies carry the same messages (same ids), so a collector can de-duplicate.
    expect(ids(collector.requests[0]!.body!.batch)).toEqual(ids(collector.requests[2]!.body!.batch));
    await ctx.close();
  });

  it('waits as long as Retry-After asks after a 429', async () => {
    const { collector } = env;
    collector.replyWith({ status: 429, retryAfter: '2' });
    const origin = collector.requests.length;
    const { page, ctx } = await env.open(manual({ trackPages: false }));
    await page.evaluate(trackN(2));
    await collector.waitFor(() => collector.events().length == 2, 20_000);
    expect(collector.requests.slice(origin).map((r) => r.status)).toEqual([429, 200]);
    const [first, second] = collector.requests.slice(origin);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(1900);
    await ctx.close();
  });

  it('delivers all 20 events when the page closes 50 ms after tracking them', async () => {
    const { collector } = env;
    const { page, ctx } = await env.open(manual({ trackPages: false, flushInterval: 5000 }));
    await page.evaluate(trackN(20, 'Closing'));
    await sleep(50);
    await page.close({ runBeforeUnload: true });
    await collector.waitFor(() => collector.events().length == 20, 10_000, '20 events after close');
    expect(collector.events()).toEqual(Array(20).fill('Closing'));
    await ctx.close();
  });

  it('two tabs during an outage send no event twice once it ends', async () => {
    const { collector } = env;
    await collector.stop();
    const ctx = await env.browser.newContext();
    const a = await env.open(manual({ trackPages: false }), ctx);
    const b = await env.open(manual({ trackPages: false }), ctx);
    await a.page.evaluate(trackN(10, 'Tab A'));
    await b.page.evaluate(trackN(10, 'Tab B'));
    await sleep(1500);
    await collector.start();
    await collector.waitFor(() => collector.events().length == 20, 40_000, '20 events from two tabs');
    await sleep(1000);
    expect(duplicates(collector.all())).toBe(0);
    expect(collector.events().filter((e) => e == 'Tab A')).toHaveLength(10);
    expect(collector.events().filter((e) => e == 'Tab B')).toHaveLength(10);
    await ctx.close();
  });

  it('a tab that dies mid-send loses nothing: another tab sends its stored events', async () => {
    const { collector } = env;
    collector.replyWith({ status: 200, hang: true });
    const ctx = await env.browser.newContext();
    const a = await env.open(manual({ trackPages: false }), ctx);
    await a.page.evaluate(trackN(5, 'From Dying Tab'));
    await a.page.evaluate(() => void sabu.flush());
    await collector.waitFor(() => collector.requests.length == 1, 10_000, 'the hanging request');
    const b = await env.open(manual({ trackPages: false }), ctx);
    await sleep(500);
    expect(collector.events()).toEqual([]); // tab A still holds the send lock
    // The renderer dies: no pagehide, no exit beacon; the browser releases A's lock.
    const cdp = await ctx.newCDPSession(a.page);
    void cdp.send('Page.crash').catch(() => {}); // answers never: the page is gone
    await collector.waitFor(() => collector.events().length == 5, 20_000, "tab A's events sent by tab B");
    expect(collector.events()).toEqual(Array(5).fill('From Dying Tab'));
    void b;
    await ctx.close();
  });

  it('gzips batches over 1 KB', async () => {
    const { collector } = env;
    const { page, ctx } = await env.open(manual({ trackPages: false }));
    await page.evaluate(trackN(20, 'Compressed'));
    await collector.waitFor(() => collector.events().length == 20);
    const req = collector.requests.find((r) => r.body?.batch.length == 20)!;
    expect(req.headers['content-encoding']).toBe('gzip');
    expect(req.wireBytes).toBeLessThan(JSON.stringify(req.body).length / 3);
    await ctx.close();
  });

  it('splits a batch the collector finds too large (413) and drops one it refuses (400) without retrying it', async () => {
    const { collector } = env;
    collector.replyWith({ status: 413 });
    const { page, ctx } = await env.open(manual({ trackPages: false }));
    await page.evaluate(trackN(4, 'Split'));
    await collector.waitFor(() => collector.events().length == 4);
    expect(collector.requests.map((r) => r.body!.batch.length)).toEqual([4, 2, 2]);

    collector.requests = [];
    collector.replyWith({ status: 400 });
    await page.evaluate(() => sabu.track('Refused'));
    await collector.waitFor(() => collector.requests.length == 1);
    await page.evaluate(() => sabu.track('Next'));
    await collector.waitFor(() => collector.events().includes('Next'));
    await sleep(500);
    expect(collector.all().filter((m) => m.event == 'Refused')).toHaveLength(1);
    const status = await page.evaluate(() => sabu.status());
    expect(status!.dropped.rejected).toBe(1);
    await ctx.close();
  });
});

declare global {
  // The page's global, as the script tag defines it.
  const sabu: typeof import('../../packages/sdk/src/index');
}
