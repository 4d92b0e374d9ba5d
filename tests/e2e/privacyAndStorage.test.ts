import { beforeEach, describe, expect, it } from 'vitest';
import { manual, sleep, storedCount, useE2E } from './utils/fixture';

const env = useE2E();
beforeEach(() => {
  env.collector.requests = [];
});

describe('storage unavailable', () => {
  it('delivers events when IndexedDB cannot be opened at all', async () => {
    const ctx = await env.browser.newContext();
    await ctx.addInitScript(() => {
      Object.defineProperty(window, 'indexedDB', {
        get() {
          throw new DOMException('The user denied permission to access the database.', 'SecurityError');
        },
      });
    });
    const { page } = await env.open(manual(), ctx);
    await page.evaluate(() => sabu.track('No IDB'));
    await env.collector.waitFor(() => env.collector.events().includes('No IDB'));
    expect((await page.evaluate(() => sabu.status()))!.storage).toBe('memory');
    await ctx.close();
  });

  it('falls back to memory when the disk is full (QuotaExceededError) and loses nothing', async () => {
    const ctx = await env.browser.newContext();
    await ctx.addInitScript(() => {
      IDBObjectStore.prototype.put = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    const { page, logs } = await env.open(manual({ trackPages: false, debug: true }), ctx);
    await page.evaluate(() => {
      for (let i = 0; i < 3; i++) sabu.track('Disk Full', { i });
    });
    await env.collector.waitFor(() => env.collector.events().length == 3);
    expect((await page.evaluate(() => sabu.status()))!.storage).toBe('memory');
    expect(logs.some((l) => l.includes('IndexedDB unavailable'))).toBe(true);
    await ctx.close();
  });
});

describe('privacy', () => {
  it('optOut() stops sending and storing, and holds across reloads; optIn() resumes', async () => {
    const { page, ctx } = await env.open(manual({ trackPages: false }));
    await page.evaluate(() => sabu.optOut());
    await page.evaluate(() => sabu.track('While Opted Out'));
    await sleep(600);
    expect(await storedCount(page)).toBe(0);
    await page.reload();
    await page.evaluate(() => sabu.track('After Reload, Still Out'));
    await sleep(600);
    expect(env.collector.requests).toHaveLength(0);
    expect(await storedCount(page)).toBe(0);
    expect((await page.evaluate(() => sabu.status()))!.optedOut).toBe(true);
    await page.evaluate(() => (sabu.optIn(), sabu.track('Back In')));
    await env.collector.waitFor(() => env.collector.events().includes('Back In'));
    expect(env.collector.events()).toEqual(['Back In']);
    await ctx.close();
  });

  it("consent 'pending' stores but sends nothing until consent(true)", async () => {
    const { page, ctx } = await env.open(manual({ consent: 'pending', trackPages: false }));
    await page.evaluate(() => sabu.track('Waiting For Consent'));
    await sleep(700);
    expect(env.collector.requests).toHaveLength(0);
    expect(await storedCount(page)).toBe(1);
    await page.evaluate(() => sabu.consent(true));
    await env.collector.waitFor(() => env.collector.events().includes('Waiting For Consent'));
    await ctx.close();
  });

  it('consent(false) deletes what was stored and sends nothing', async () => {
    const { page, ctx } = await env.open(manual({ consent: 'pending', trackPages: false }));
    await page.evaluate(() => sabu.track('Never Sent'));
    await sleep(300);
    await page.evaluate(() => sabu.consent(false));
    await page.evaluate(() => sabu.track('Also Never Sent'));
    await sleep(700);
    expect(await storedCount(page)).toBe(0);
    expect(env.collector.requests).toHaveLength(0);
    await ctx.close();
  });

  it('respectDoNotTrack honours Global Privacy Control', async () => {
    const ctx = await env.browser.newContext();
    await ctx.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
    const { page } = await env.open(manual({ respectDoNotTrack: true }), ctx);
    await page.evaluate(() => sabu.track('GPC On'));
    await sleep(700);
    expect(env.collector.requests).toHaveLength(0);
    expect(await storedCount(page)).toBe(0);
    await ctx.close();
  });

  it('beforeSend can redact or drop events', async () => {
    const { ctx } = await env.open('before-send.html');
    await env.collector.waitFor(() => env.collector.events().includes('Kept'));
    await sleep(300);
    const kept = env.collector.stored().find((m) => m.event == 'Kept')!;
    expect(kept.properties).toEqual({ email: '[redacted]', plan: 'pro' });
    expect(env.collector.events()).not.toContain('Secret');
    await ctx.close();
  });
});
