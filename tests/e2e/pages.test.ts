import { describe, expect, it } from 'vitest';
import { manual, sleep, useE2E } from './utils/fixture';

const env = useE2E();

describe('page views and SPA routes', () => {
  it('sends a page view at start and on pushState, replaceState, back and hash changes', async () => {
    env.collector.requests = [];
    const views = () => env.collector.stored().filter((m) => m.type == 'page');
    const step = async (n: number, action: () => Promise<unknown>) => {
      await action();
      await env.collector.waitFor(() => views().length >= n, 15_000, `page view ${n}`);
    };
    const { page, ctx } = await env.open(manual());
    await env.collector.waitFor(() => views().length == 1, 15_000, 'first page view');
    await step(2, () => page.evaluate(() => history.pushState({}, '', '/app/projects')));
    await step(3, () => page.evaluate(() => history.replaceState({}, '', '/app/projects?tab=2')));
    await page.evaluate(() => history.replaceState({}, '', '/app/projects?tab=2')); // same URL: no view
    await step(4, () => page.evaluate(() => (location.hash = '#details')));
    await step(5, () => page.evaluate(() => history.back())); // popstate back to ?tab=2
    await sleep(500);
    const paths = views().map((v) => v.properties.path + v.properties.search + new URL(v.properties.url).hash);
    expect(paths.slice(1)).toEqual(['/app/projects', '/app/projects?tab=2', '/app/projects?tab=2#details', '/app/projects?tab=2']);
    expect(paths[0]).toMatch(/^\/manual\.html\?config=/);
    // After an SPA change, the referrer is the previous URL.
    expect(views()[1]!.context.page.referrer).toBe(views()[0]!.properties.url);
    await ctx.close();
  });

  it('trackPages: false sends no page view', async () => {
    env.collector.requests = [];
    const { page, ctx } = await env.open(manual({ trackPages: false }));
    await page.evaluate(() => history.pushState({}, '', '/elsewhere'));
    await page.evaluate(() => sabu.track('Only This'));
    await env.collector.waitFor(() => env.collector.events().includes('Only This'));
    expect(env.collector.stored().filter((m) => m.type == 'page')).toHaveLength(0);
    await ctx.close();
  });
});

describe('start-up', () => {
  it('init() touches no storage (a first visit pays 1-30 ms for the first read); the first page view keeps the URL it started on', async () => {
    env.collector.requests = [];
    const views = () => env.collector.stored().filter((m) => m.type == 'page');
    const { page, ctx } = await env.open('startup.html');
    await env.collector.waitFor(() => views().length >= 2, 15_000, 'two page views');
    const calls = await page.evaluate(() => (window as any).storageCalls as { m: string; key: string; inInit: boolean }[]);
    expect(calls.filter((c) => c.inInit)).toEqual([]);
    expect(calls.some((c) => c.key == 'sabu_aid')).toBe(true); // read later, when idle
    // The page view of the start keeps its URL although the router replaced it at once.
    expect(views().map((v) => v.properties.path)).toEqual(['/startup.html', '/app/home']);
    // The identity read when idle is the one kept: the next page is the same visitor.
    const first = views()[0]!.anonymousId;
    await page.goto(env.pages.url('startup.html'));
    await env.collector.waitFor(() => views().length >= 3, 15_000, 'page view of the next page');
    expect(new Set(views().map((v) => v.anonymousId))).toEqual(new Set([first]));
    await ctx.close();
  });
});

describe('ESM build and strict CSP', () => {
  it('works when imported as an ES module', async () => {
    env.collector.requests = [];
    const { ctx } = await env.open('esm.html');
    await env.collector.waitFor(() => env.collector.events().includes('ESM Event'));
    expect(env.collector.stored().find((m) => m.event == 'ESM Event')!.properties).toEqual({ via: 'import' });
    await ctx.close();
  });
});

describe('misuse never breaks the page', () => {
  it('an invalid config logs one [sabu] error naming the field, and later calls are harmless', async () => {
    env.collector.requests = [];
    const { page, ctx, logs } = await env.open(manual({ batchSize: 'ten' }));
    const result = await page.evaluate(() => {
      sabu.track('Ignored');
      sabu.identify(42 as any);
      return 'page still runs';
    });
    expect(result).toBe('page still runs');
    expect(logs.filter((l) => l.includes('config.batchSize must be an integer from 1 to 500 (got "ten")'))).toHaveLength(1);
    await sleep(500);
    // Only this page's messages: an earlier test's closed page may still deliver its exit send.
    const fromThisPage = env.collector
      .stored()
      .filter((m) => m.event == 'Ignored' || String(m.properties?.url ?? m.context?.page?.url ?? '').includes('batchSize'));
    expect(fromThisPage).toEqual([]);
    await ctx.close();
  });

  it('bad calls and oversized events are refused with a message, a bad field is left out; the rest still flows', async () => {
    env.collector.requests = [];
    const { page, ctx, logs } = await env.open(manual({ trackPages: false }));
    await page.evaluate(() => {
      sabu.track('' as any);
      sabu.track('Big', { blob: 'x'.repeat(40_000) });
      sabu.track('Big', { blob: 'x'.repeat(40_000) });
      const cyclic: any = {};
      cyclic.self = cyclic;
      sabu.track('Cyclic', cyclic);
      sabu.track('Fine');
    });
    await env.collector.waitFor(() => env.collector.events().includes('Fine'));
    expect(env.collector.events()).toEqual(['Cyclic', 'Fine']);
    expect(logs.some((l) => l.includes("track(): the first argument must be a non-empty string"))).toBe(true);
    expect(logs.filter((l) => l.includes('event "Big" is'))).toHaveLength(1); // once per page
    expect(logs.some((l) => l.includes('track(): "self" is not JSON'))).toBe(true);
    const status = await page.evaluate(() => sabu.status());
    expect(status!.dropped).toMatchObject({ oversized: 2, invalid: 0 });
    expect(logs.filter((l) => l.startsWith('pageerror'))).toEqual([]);
    await ctx.close();
  });
});
