import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations } from './utils/axe';
import { sleep, useE2E } from './utils/fixture';

/**
 * Product tours and guides in real Chromium on the built sabu.min.js, sabu-tours.js and
 * sabu-guides.js (fixture: tour-app.html with tours-e2e.json; its page CSS is hostile).
 */
const env = useE2E();
const tip = (page: Page) => page.locator('sabu-ui .tip');
const run = () => Math.random().toString(36).slice(2, 10);
/** The Tour and Guide events the page with `?r=<id>` sent, as [event, properties]. */
const sent = (r: string) =>
  env.collector
    .stored()
    .filter((m) => m.type == 'track' && /^(Tour|Guide) /.test(String(m.event)) && String(m.context?.page?.url).includes('r=' + r))
    .map((m) => [m.event, m.properties] as [string, Record<string, unknown>]);

async function arrived(page: Page, pred: () => boolean, what: string) {
  const end = Date.now() + 10_000;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; received ${env.collector.events().join(', ')}`);
    await page.evaluate(() => (window as any).sabu.flush()).catch(() => {});
    await sleep(150);
  }
}

/** What has focus, looking into shadow roots: `tag#id.class|text`. */
const focused = (page: Page) =>
  page.evaluate(() => {
    let el = document.activeElement as Element | null;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return '';
    const cls = typeof el.className == 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '';
    return `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${cls}|${(el.textContent ?? '').trim().slice(0, 30)}`;
  });
const prog = (page: Page) => page.locator('sabu-ui .prog').first().innerText();
/** The tip's box is inside the viewport. */
const tipInView = (page: Page) =>
  tip(page).evaluate((el) => {
    const b = el.getBoundingClientRect();
    return b.left >= 0 && b.top >= 0 && b.right <= document.documentElement.clientWidth && b.bottom <= innerHeight && b.width > 0;
  });

describe('product tours (real Chromium, sabu.min.js + sabu-tours.js + sabu-guides.js)', () => {
  it('runs a requested tour end to end: modal step, click on the anchor, a step far down the page scrolled into view, an anchor in an open shadow root; events in order', async () => {
    const r = run();
    const { page, ctx, logs } = await env.open(`tour-app.html?show=e2e-basic&r=${r}`);
    await tip(page).waitFor();
    // Step 1: a centred modal dialog, its hostile text shown as text.
    expect(await tip(page).getAttribute('aria-modal')).toBe('true');
    expect(await page.locator('sabu-ui .txt').innerText()).toBe('A short tour. <img src=x onerror="window.__xss=1"> [bad](javascript:alert(1))');
    expect(await page.locator('sabu-ui .txt strong').innerText()).toBe('short');
    expect(await page.locator('sabu-ui .txt img, sabu-ui .txt a').count()).toBe(0);
    expect(await page.evaluate(() => (window as any).__xss)).toBeUndefined();
    expect(await page.locator('sabu-ui .prog').innerText()).toBe('1 of 5');
    await page.locator('sabu-ui .next').click();
    // Step 2 waits for a click on its anchor: no Next button; the spotlight lets the click through to the app.
    await expect.poll(() => page.locator('sabu-ui .prog').innerText()).toBe('2 of 5');
    expect(await page.locator('sabu-ui .next').count()).toBe(0);
    expect(await page.locator('sabu-ui .spot').count()).toBe(1);
    await page.locator('#create-project').click();
    expect(await page.evaluate(() => (window as any).created)).toBe(1);
    // Step 3: the anchor is 2400 px down; it is scrolled into view and the tip is beside it, inside the viewport.
    await expect.poll(() => page.locator('sabu-ui .prog').innerText()).toBe('3 of 5');
    await expect.poll(() => page.locator('#far').evaluate((el) => { const b = el.getBoundingClientRect(); return b.top >= 0 && b.bottom <= innerHeight; })).toBe(true);
    await expect.poll(async () => {
      const [a, t] = [await page.locator('#far').boundingBox(), await tip(page).boundingBox()];
      return !!a && !!t && t.y + t.height <= a.y + 1 && t.y >= 0; // placement "top"
    }).toBe(true);
    await page.locator('sabu-ui .next').click();
    // Step 4: the anchor is inside <acme-toolbar>'s open shadow root; its condition is a click on it.
    await expect.poll(() => page.locator('sabu-ui .prog').innerText()).toBe('4 of 5');
    await page.locator('#shadow-btn').click();
    await expect.poll(() => page.locator('sabu-ui .prog').innerText()).toBe('5 of 5');
    await page.locator('sabu-ui .next').click(); // "Done"
    await tip(page).waitFor({ state: 'detached' });
    await arrived(page, () => sent(r).some(([e]) => e == 'Tour Completed'), 'Tour Completed');
    await sleep(300);
    const tour = 'e2e-basic';
    expect(sent(r)).toEqual([
      ['Tour Started', { tour, steps: 5, trigger: 'requested' }],
      ...['hello', 'create', 'far', 'shadow', 'done'].map((step, index) => ['Tour Step Viewed', { tour, step, index, steps: 5 }]),
      ['Tour Completed', { tour, steps: 5 }],
    ]);
    expect(logs).toEqual([]);
    await ctx.close();
  });

  it('causes no layout shift: the tip, spotlight and beacon follow a scroll, and steps change, without moving laid-out boxes', async () => {
    // Every layout-shift entry counts here, even right after a click (CLS would excuse those):
    // a tip moving by left/top was 0.02 for a scroll and 0.15 for a step change on the bench page.
    const r = run();
    const { page } = await env.open(`tour-app.html?show=e2e-steady&r=${r}`);
    await tip(page).waitFor();
    await expect.poll(() => tip(page).getAttribute('data-side')).toBeTruthy();
    await page.evaluate(() => {
      (window as any).__shift = 0;
      new PerformanceObserver((l) => l.getEntries().forEach((e) => ((window as any).__shift += (e as any).value))).observe({ type: 'layout-shift' });
    });
    const shift = () => page.evaluate(() => (window as any).__shift as number);
    const at = async () => (await tip(page).boundingBox())!;
    const before = await at();
    await page.mouse.move(300, 300);
    await page.mouse.wheel(0, 150);
    // The tip follows its anchor up the page.
    await expect.poll(async () => Math.round(before.y - (await at()).y)).toBeGreaterThan(100);
    await page.mouse.wheel(0, -150);
    await expect.poll(async () => Math.round((await at()).y - before.y)).toBe(0);
    for (const n of ['2 of 4', '3 of 4', '4 of 4']) {
      await page.locator('sabu-ui .next').click();
      await expect.poll(() => prog(page)).toBe(n);
      await sleep(250);
    }
    // The last step is a centred modal, not left where the anchored tip was (inline left/top stayed: 0.93 of shift and a modal off-centre).
    const modal = await at();
    const vw = await page.evaluate(() => document.documentElement.clientWidth);
    const vh = await page.evaluate(() => innerHeight);
    expect(Math.abs(modal.x + modal.width / 2 - vw / 2)).toBeLessThan(2);
    expect(Math.abs(modal.y + modal.height / 2 - vh / 2)).toBeLessThan(2);
    await page.locator('sabu-ui .next').click();
    await tip(page).waitFor({ state: 'detached' });
    // A hotspot's beacon follows its anchor the same way.
    await page.evaluate(() => (window as any).sabu.tour('e2e-hotspot'));
    const beacon = page.locator('sabu-ui .beacon');
    await beacon.waitFor();
    const b0 = (await beacon.boundingBox())!;
    await page.mouse.wheel(0, 150);
    await expect.poll(async () => Math.round(b0.y - (await beacon.boundingBox())!.y)).toBeGreaterThan(100);
    await sleep(300);
    expect(await shift()).toBe(0);
  });

  it('loads the widgets and the tour UI side by side on the first step, not one after the other (one round trip, not two)', async () => {
    const { page, ctx, logs } = await env.open(`tour-app.html?r=${run()}`);
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/sabu-tours.js')));
    // 150 ms per request makes the order plain: in turn, sabu-guides.js would start after sabu-ui.js arrived.
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: -1, uploadThroughput: -1 });
    await page.evaluate(() => (window as any).sabu.tour('e2e-basic'));
    await tip(page).waitFor();
    const [ui, guides] = await page.evaluate(() =>
      ['/sabu-ui.js', '/sabu-guides.js'].map((f) => {
        const e = performance.getEntriesByType('resource').find((x) => x.name.endsWith(f)) as PerformanceResourceTiming;
        return { start: e.startTime, end: e.responseEnd };
      }),
    );
    expect(guides!.start).toBeLessThan(ui!.end);
    expect(logs).toEqual([]);
    await ctx.close();
  });

  it('waits for an anchor that appears late (MutationObserver), then shows the step beside it', async () => {
    const r = run();
    const { page, ctx, logs } = await env.open(`tour-app.html?show=e2e-late&late&r=${r}`);
    await tip(page).waitFor({ timeout: 6000 });
    expect(await page.locator('#late').count()).toBe(1);
    expect(await page.locator('sabu-ui .txt').innerText()).toBe('I arrived late.');
    await expect.poll(() => tipInView(page)).toBe(true);
    await arrived(page, () => sent(r).some(([e]) => e == 'Tour Step Viewed'), 'Tour Step Viewed');
    expect(sent(r).filter(([e]) => e == 'Tour Step Failed')).toEqual([]);
    expect(logs).toEqual([]);
    await ctx.close();
  });

  it('skips steps whose anchor is missing or hidden after the timeout, with Tour Step Failed and its reason', async () => {
    const r = run();
    const { page, ctx } = await env.open(`tour-app.html?show=e2e-missing&r=${r}`);
    await tip(page).waitFor({ timeout: 6000 });
    expect(await page.locator('sabu-ui .txt').innerText()).toBe('Skipped to here.');
    expect(await prog(page)).toBe('3 of 3');
    await page.locator('sabu-ui .next').click();
    await arrived(page, () => sent(r).some(([e]) => e == 'Tour Completed'), 'Tour Completed');
    expect(sent(r).filter(([e]) => e == 'Tour Step Failed').map(([, p]) => p)).toEqual([
      { tour: 'e2e-missing', step: 'nowhere', index: 0, reason: 'anchor_missing' },
      { tour: 'e2e-missing', step: 'hidden', index: 1, reason: 'anchor_hidden' },
    ]);
    await ctx.close();
  });

  it('carries the current step across a hash route change and a reload, without a second start or view', async () => {
    const r = run();
    const { page, ctx, logs } = await env.open(`tour-app.html?show=e2e-pages&r=${r}`);
    await tip(page).waitFor();
    expect(await prog(page)).toBe('1 of 3');
    await page.locator('#nav-settings').click(); // the step's condition: the settings route
    await expect.poll(() => prog(page)).toBe('2 of 3');
    expect(await page.locator('sabu-ui .txt').innerText()).toBe('These are your settings.');
    await arrived(page, () => sent(r).filter(([e]) => e == 'Tour Step Viewed').length == 2, 'two steps viewed');
    await page.reload();
    await tip(page).waitFor();
    expect(await prog(page)).toBe('2 of 3'); // resumed where it was
    await page.locator('sabu-ui .next').click();
    await expect.poll(() => prog(page)).toBe('3 of 3');
    await page.locator('sabu-ui .next').click();
    await arrived(page, () => sent(r).some(([e]) => e == 'Tour Completed'), 'Tour Completed');
    await sleep(300);
    expect(sent(r).map(([e, p]) => e + (p.step ? ':' + p.step : ''))).toEqual(['Tour Started', 'Tour Step Viewed:go', 'Tour Step Viewed:there', 'Tour Step Viewed:bye', 'Tour Completed']);
    expect(logs).toEqual([]);
    await ctx.close();
  });

  it('works by keyboard alone: focus moves into each step (onto the anchor when it waits for a click), Tab stays in a modal step, Escape dismisses and focus returns', async () => {
    const r = run();
    const { page, ctx } = await env.open(`tour-app.html?r=${r}`);
    await page.locator('#search').focus();
    await page.evaluate(() => (window as any).sabu.tour('e2e-basic'));
    await tip(page).waitFor();
    await expect.poll(() => focused(page)).toMatch(/^button\.btn\.next\|Next/);
    for (let i = 0; i < 5; i++) await page.keyboard.press('Tab'); // trapped in the modal step
    expect(await focused(page)).toMatch(/^button\.(x|ghost|btn)/);
    await page.locator('sabu-ui .next').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toMatch(/^button#create-project/); // the step waits for a click on it
    await page.keyboard.press('Enter');
    await expect.poll(() => prog(page)).toBe('3 of 5');
    await expect.poll(() => focused(page)).toMatch(/^button\.btn\.next/);
    await page.keyboard.press('Shift+Tab'); // Back
    expect(await focused(page)).toMatch(/\|Back$/);
    await page.keyboard.press('Escape');
    await tip(page).waitFor({ state: 'detached' });
    expect(await focused(page)).toMatch(/^input#search/);
    await arrived(page, () => sent(r).some(([e]) => e == 'Tour Dismissed'), 'Tour Dismissed');
    expect(sent(r).find(([e]) => e == 'Tour Dismissed')![1]).toEqual({ tour: 'e2e-basic', step: 'far', index: 2 });
    await ctx.close();
  });

  for (const [name, options] of [
    ['a 360 px wide phone', { viewport: { width: 360, height: 640 } }],
    ['200% zoom (1280 × 760 at twice the pixel ratio)', { viewport: { width: 640, height: 380 }, deviceScaleFactor: 2 }],
  ] as const)
    it(`fits ${name}: modal and anchored steps inside the viewport, Japanese and right-to-left too`, async () => {
      for (const q of ['', '&lang=ja', '&lang=ar&dir=rtl']) {
        const ctx = await env.browser.newContext(options); // a fresh profile: no tour in progress
        const page = await ctx.newPage();
        await page.goto(env.pages.url(`tour-app.html?show=e2e-basic${q}`));
        await tip(page).waitFor();
        expect(await tipInView(page), q).toBe(true);
        await page.locator('sabu-ui .next').click();
        await page.locator('#create-project').click();
        await expect.poll(() => prog(page)).toMatch(/3/);
        await expect.poll(() => tipInView(page), { message: q }).toBe(true);
        if (q.includes('ja')) expect(await page.locator('sabu-ui .next').innerText()).toBe('次へ');
        if (q.includes('rtl')) expect(await page.locator('sabu-ui').getAttribute('dir')).toBe('rtl');
        // Nothing scrolls sideways.
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
        await ctx.close();
      }
    });

  it('a hotspot by keyboard alone: its beacon is a named button in the Tab order, Enter opens the tip with focus in it, Escape closes it onto the element it marked', async () => {
    const r = run();
    const { page, ctx, logs } = await env.open(`tour-app.html?show=e2e-hotspot&r=${r}`);
    const beacon = page.locator('sabu-ui .beacon');
    await beacon.waitFor();
    expect(await beacon.getAttribute('aria-label')).toMatch(/New: export/);
    let reached = false;
    for (let i = 0; i < 20 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = (await focused(page)).startsWith('button.beacon');
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await tip(page).waitFor();
    expect(await beacon.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => focused(page)).toMatch(/^section#sabu-g-e2e-hotspot\.tip/);
    await page.keyboard.press('Escape');
    await tip(page).waitFor({ state: 'detached' });
    expect(await focused(page)).toMatch(/^button#export/);
    expect(logs).toEqual([]);
    await ctx.close();
  });

  it('hotspot, banner and announcement: shown when asked, Guide events, a call to action starting a tour; axe-core WCAG 2.2 AA on every widget', async () => {
    const r = run();
    // Reduced motion: the beacon does not pulse (and axe-core, which waits for animations to end, can run).
    const { page, ctx, logs } = await env.open(`tour-app.html?show=e2e-hotspot&r=${r}`, await env.browser.newContext({ reducedMotion: 'reduce' }));
    const beacon = page.locator('sabu-ui .beacon');
    await beacon.waitFor();
    expect(await beacon.evaluate((el) => getComputedStyle(el, '::before').animationName)).toBe('none');
    // The beacon sits on the anchor's corner.
    const [a, b] = [(await page.locator('#export').boundingBox())!, (await beacon.boundingBox())!];
    expect(Math.abs(b.x + b.width / 2 - (a.x + a.width))).toBeLessThan(16);
    expect(await axeViolations(page, 'sabu-ui')).toEqual([]);
    await beacon.click();
    await tip(page).waitFor();
    expect(await axeViolations(page, 'sabu-ui')).toEqual([]);
    await page.keyboard.press('Escape');
    await tip(page).waitFor({ state: 'detached' });
    expect(await focused(page)).toMatch(/^button#export/); // the element it marked
    expect(await beacon.count()).toBe(0); // opened: it has done its job

    await page.evaluate(() => (window as any).sabu.tour('e2e-banner'));
    const banner = page.locator('sabu-ui .banner');
    await banner.waitFor();
    expect(await axeViolations(page, 'sabu-ui')).toEqual([]);
    expect(await banner.locator('a').getAttribute('href')).toBe('/status.html');
    await banner.locator('button[aria-label=Close]').click();
    await banner.waitFor({ state: 'detached' });

    // An inline banner is in the page flow, first in the body.
    await page.evaluate(() => (window as any).sabu.tour('e2e-inline'));
    await page.locator('sabu-banner .banner').waitFor();
    expect(await page.evaluate(() => document.body.firstElementChild!.localName)).toBe('sabu-banner');
    expect(await axeViolations(page, 'sabu-banner')).toEqual([]);

    await page.evaluate(() => (window as any).sabu.tour('e2e-announce'));
    const dialog = page.locator('sabu-ui .tip.modal');
    await dialog.waitFor();
    expect(await axeViolations(page, 'sabu-ui')).toEqual([]);
    await expect.poll(() => focused(page)).toMatch(/Take the tour$/);
    await page.keyboard.press('Enter');
    await expect.poll(() => prog(page)).toBe('1 of 5'); // the tour it starts
    expect(await axeViolations(page, 'sabu-ui')).toEqual([]);
    await arrived(page, () => sent(r).some(([e]) => e == 'Tour Started'), 'Tour Started');
    await sleep(300);
    const guides = sent(r).filter(([e]) => e.startsWith('Guide'));
    expect(guides).toEqual([
      ['Guide Viewed', { guide: 'e2e-hotspot', kind: 'hotspot' }],
      ['Guide Clicked', { guide: 'e2e-hotspot', kind: 'hotspot', action: 'open' }],
      ['Guide Viewed', { guide: 'e2e-banner', kind: 'banner' }],
      ['Guide Dismissed', { guide: 'e2e-banner', kind: 'banner' }],
      ['Guide Viewed', { guide: 'e2e-inline', kind: 'banner' }],
      ['Guide Viewed', { guide: 'e2e-announce', kind: 'announcement' }],
      ['Guide Clicked', { guide: 'e2e-announce', kind: 'announcement', action: 'tour', target: 'e2e-basic' }],
    ]);
    expect(sent(r).find(([e]) => e == 'Tour Started')![1]).toEqual({ tour: 'e2e-basic', steps: 5, trigger: 'requested' });
    expect(logs).toEqual([]);
    await ctx.close();
  });

  it('passes axe-core (WCAG 2.2 AA) on a modal step and an anchored step with the spotlight', async () => {
    const { page, ctx } = await env.open('tour-app.html?show=e2e-basic');
    await tip(page).waitFor();
    expect(await axeViolations(page, 'sabu-ui')).toEqual([]);
    await page.locator('sabu-ui .next').click();
    await expect.poll(() => prog(page)).toBe('2 of 5');
    expect(await axeViolations(page, 'sabu-ui')).toEqual([]);
    await ctx.close();
  });
});
