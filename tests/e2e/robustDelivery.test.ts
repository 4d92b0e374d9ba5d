import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manual, sleep, storedCount, useE2E } from './utils/fixture';

/**
 * Delivery against what real pages and collectors do (issue 12: 3, 10; issue 13: silent
 * CORS failures), on the built sabu.min.js in Chromium.
 */
const env = useE2E();
beforeEach(() => {
  env.collector.requests = [];
});
afterEach(() => {
  env.collector.answer = null;
  env.collector.cors = true;
});

const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('one event the collector keeps failing on', () => {
  it('is isolated and parked while the rest flows; it goes again when the next session starts', async () => {
    const { collector } = env;
    // A collector that answers 500 to any request holding the poisoned event.
    collector.answer = (body) => (body?.batch.some((m) => m.properties?.poison) ? { status: 500 } : undefined);
    const { page, ctx, logs } = await env.open(manual({ trackPages: false, batchSize: 500, flushInterval: 100, sessionTimeout: 1000 }));
    await page.evaluate(() => {
      for (let i = 0; i < 12; i++) sabu.track('E' + i, i == 5 ? { poison: true } : { i });
    });
    await collector.waitFor(() => collector.events().length == 11, 30_000, '11 events');
    // While isolating, halves may arrive in either order; each event carries its own time.
    expect(collector.events().sort()).toEqual(['E0', 'E1', 'E10', 'E11', 'E2', 'E3', 'E4', 'E6', 'E7', 'E8', 'E9']);
    await page.waitForFunction(() => sabu.status()!.parked == 1);
    expect(logs.filter((l) => l.includes('status().parked'))).toHaveLength(1);
    // Later events are not held back.
    await page.evaluate(() => sabu.track('Later'));
    await collector.waitFor(() => collector.events().includes('Later'), 10_000, 'Later');
    // Kept across a reload, still counted.
    await page.reload();
    await page.waitForFunction(() => sabu.status()!.parked == 1);
    // The collector is fixed; a new session starts (sessionTimeout 1 s): the parked event goes again.
    collector.answer = null;
    await sleep(1200);
    await page.evaluate(() => sabu.track('New session'));
    await collector.waitFor(() => collector.events().includes('E5'), 15_000, 'the parked event');
    await page.waitForFunction(() => sabu.status()!.parked == 0);
    expect(collector.events().filter((e) => e == 'E5')).toHaveLength(1);
    expect(logs.filter((l) => l.startsWith('pageerror'))).toEqual([]);
    await ctx.close();
  });

  it('text cut in the middle of a character arrives well-formed (U+FFFD), and nothing waits behind it', async () => {
    const { collector } = env;
    const { page, ctx } = await env.open(manual({ trackPages: false }));
    await page.evaluate(() => {
      const half = '😀'.slice(0, 1);
      document.body.innerHTML = `<button data-sabu-feature="x">${'a'.repeat(99)}😀</button>`;
      sabu.track('Label ' + half, { label: 'a'.repeat(99) + half, [half + 'key']: half });
      sabu.identify('user' + half, { name: 'Ren' + half });
      sabu.track('After');
    });
    await collector.waitFor(() => collector.events().includes('After'), 10_000, 'After');
    const raw = collector.requests.map((r) => JSON.stringify(r.body));
    for (const text of raw) expect(LONE.test(text)).toBe(false);
    const label = collector.stored().find((m) => m.event?.startsWith('Label'))!;
    expect(label.event).toBe('Label \ufffd');
    expect(label.properties).toEqual({ label: 'a'.repeat(99) + '\ufffd', '\ufffdkey': '\ufffd' });
    expect(collector.stored().find((m) => m.type == 'identify')).toMatchObject({ userId: 'user\ufffd', traits: { name: 'Ren\ufffd' } });
    await ctx.close();
  });
});

describe('page exit', () => {
  /** Tracks big events that stay queued (no send before exit), waits until they are stored, then leaves the page. */
  async function leaveWith(events: number, props: string) {
    const { page, ctx } = await env.open(manual({ trackPages: false, batchSize: 500, flushInterval: 600_000 }));
    await page.evaluate(`for (let i = 0; i < ${events}; i++) sabu.track('Big ' + i, ${props})`);
    await page.waitForFunction((n) => sabu.status()!.queued == n, events);
    await sleep(300); // persisted in IndexedDB
    expect(await storedCount(page)).toBe(events);
    await page.goto('about:blank'); // beforeunload, hidden, pagehide: the keepalive sends
    return { page, ctx };
  }
  /** Events of the first request (the first exit send). A second exit send may follow if the first was answered in time. */
  const firstRequest = () => env.collector.requests[0]!.body!.batch.map((m) => m.event);

  it('fills the 64 KiB keepalive quota in order (8 events of 20 KB: the first 3), and the rest arrive next visit', async () => {
    const { collector } = env;
    const { page, ctx } = await leaveWith(8, "{ blob: 'x'.repeat(20000) }");
    await collector.waitFor(() => collector.events().length >= 3, 10_000, 'the exit send');
    await sleep(500);
    expect(firstRequest()).toEqual(['Big 0', 'Big 1', 'Big 2']);
    for (const r of collector.requests) expect(r.wireBytes).toBeLessThanOrEqual(64 * 1024);
    await page.goto(env.pages.url(manual({ trackPages: false })));
    await collector.waitFor(() => collector.stored().length == 8, 15_000, 'all 8 events');
    expect(collector.events()).toEqual(['Big 0', 'Big 1', 'Big 2', 'Big 3', 'Big 4', 'Big 5', 'Big 6', 'Big 7']);
    await ctx.close();
  });

  it('counts bytes, not characters: 4 events of 10,000 Japanese characters (30 KB each), the first 2 at exit, the rest next visit', async () => {
    const { collector } = env;
    const { page, ctx } = await leaveWith(4, "{ text: 'あいうえお'.repeat(2000) }");
    await collector.waitFor(() => collector.events().length >= 2, 10_000, 'the exit send');
    await sleep(500);
    expect(firstRequest()).toEqual(['Big 0', 'Big 1']);
    for (const r of collector.requests) expect(r.wireBytes).toBeLessThanOrEqual(64 * 1024);
    expect(collector.stored()[0]!.properties.text).toBe('あいうえお'.repeat(2000));
    await page.goto(env.pages.url(manual({ trackPages: false })));
    await collector.waitFor(() => collector.stored().length == 4, 15_000, 'all 4 events');
    await ctx.close();
  });
});

describe('a collector that does not allow the page (CORS)', () => {
  it('says once what is likely wrong and how to fix it; events stay stored', async () => {
    const { collector } = env;
    collector.cors = false;
    const { page, ctx, logs } = await env.open(manual({ trackPages: false, flushInterval: 50 }));
    await page.evaluate(() => sabu.track('Refused'));
    await page.waitForFunction(() => true);
    const end = Date.now() + 20_000;
    while (!logs.some((l) => l.includes('cannot reach')) && Date.now() < end) await sleep(200);
    const said = logs.filter((l) => l.includes('cannot reach'));
    expect(said).toHaveLength(1);
    expect(said[0]).toContain(collector.url);
    expect(said[0]).toMatch(/origin.*CORS.*config\.endpoint.*start the collector/);
    expect(await storedCount(page)).toBe(1);
    await ctx.close();
  });
});
