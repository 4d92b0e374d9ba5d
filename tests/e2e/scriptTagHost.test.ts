import { beforeEach, describe, expect, it } from 'vitest';
import { sleep, useE2E } from './utils/fixture';

/** The script tag on pages that are not ours (issue 12: 7, 8, 9; issue 13: the first page view), built sabu.min.js in Chromium. */
const env = useE2E();
beforeEach(() => {
  env.collector.requests = [];
});

describe('the script tag on real pages', () => {
  it('replays every snippet call, feature() included, and the first page view carries the user identified before it', async () => {
    const { collector } = env;
    const { ctx, logs } = await env.open('snippet-replay.html');
    await collector.waitFor(() => collector.stored().length >= 5, 10_000, 'the snippet calls');
    const own = collector.stored(); // Feature Used included (own() leaves out automatic signals)
    expect(own.map((m) => m.event ?? m.type)).toEqual(['identify', 'group', 'Feature Used', 'Snippet Event', 'page']);
    expect(own.every((m) => m.userId == 'user-7')).toBe(true);
    expect(own[2]!.properties).toMatchObject({ format: 'csv', feature: 'export-csv' });
    expect(logs).toEqual([]);
    await ctx.close();
  });

  it('included twice: one SDK runs (one page view, each event once), the second says so', async () => {
    const { collector } = env;
    const { page, ctx, logs } = await env.open('script-twice.html');
    await page.evaluate(() => sabu.track('After Load'));
    await collector.waitFor(() => collector.events().includes('After Load'), 10_000, 'After Load');
    await sleep(600);
    expect(collector.all().filter((m) => m.type == 'page')).toHaveLength(1);
    expect(collector.events()).toEqual(['Queued Once', 'After Load']);
    expect(logs.filter((l) => l.includes('already runs on this page'))).toHaveLength(1);
    await ctx.close();
  });

  it("never replaces the page's own window.sabu: it stays, Sabu still runs from the tag, one message says why", async () => {
    const { collector } = env;
    const { page, ctx, logs } = await env.open('host-global.html');
    expect(await page.evaluate(() => (window as any).sabu.hello())).toBe('host');
    await collector.waitFor(() => collector.own().some((m) => m.type == 'page'), 10_000, 'the page view');
    await sleep(500);
    expect(collector.all().filter((m) => m.type == 'page')).toHaveLength(1);
    expect(logs.filter((l) => l.includes("window.sabu is the page's own object"))).toHaveLength(2); // once per copy
    expect(logs.filter((l) => l.startsWith('pageerror'))).toEqual([]);
    await ctx.close();
  });
});
