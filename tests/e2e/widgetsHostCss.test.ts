import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2E } from './utils/fixture';

/**
 * Shadow DOM stops the page's selectors, not inheritance: host CSS that matches the
 * <sabu-ui> element itself, or that it inherits, must not change the widgets (issue 12).
 * The same launcher, checklist panel, survey prompt, tour step, hotspot tip and banner are measured on a plain page and
 * under hostile host CSS (fixtures/widgets-host.js); boxes stay within 10%.
 */
const env = useE2E();

type Box = { width: number; height: number };
interface Measured {
  launcher: Box;
  title: Box;
  panel: Box;
  heading: Box;
  prompt: Box;
  tourTip: Box;
  hotspotTip: Box;
  banner: Box;
  /** The launcher's "0/4" stays inside its ring. */
  ringFits: boolean;
  /** Computed text styles of the launcher title, the panel heading and the question. */
  styles: Record<string, string>[];
}

const box = async (page: Page, selector: string): Promise<Box> => {
  const b = (await page.locator(selector).first().boundingBox())!;
  return { width: b.width, height: b.height };
};

/** Reads computed styles inside the widgets' shadow root. */
const textStyles = (page: Page, selectors: string[]) =>
  page.evaluate((selectors) => {
    const root = document.querySelector('sabu-ui')!.shadowRoot!;
    return selectors.map((s) => {
      const cs = getComputedStyle(root.querySelector(s)!);
      const pick = ['color', 'font-size', 'line-height', 'letter-spacing', 'word-spacing', 'text-transform', 'font-style', 'text-indent', 'text-shadow', 'white-space', 'direction', 'font-variant-caps', 'text-decoration-line'] as const;
      return Object.fromEntries(pick.map((p) => [p, cs.getPropertyValue(p)]));
    });
  }, selectors);

async function measure(host: string): Promise<Measured> {
  const { page, ctx, logs } = await env.open('widgets-host.html?host=' + host);
  try {
    await page.locator('sabu-ui .launch').waitFor();
    const launcher = await box(page, 'sabu-ui .launch');
    const title = await box(page, 'sabu-ui .launch .lt');
    const ringFits = await page.evaluate(() => {
      const span = document.querySelector('sabu-ui')!.shadowRoot!.querySelector('.ring span')!;
      const r = document.createRange();
      r.selectNodeContents(span);
      const t = r.getBoundingClientRect();
      const b = span.getBoundingClientRect();
      return t.width > 0 && t.left >= b.left - 0.5 && t.right <= b.right + 0.5 && t.top >= b.top - 0.5 && t.bottom <= b.bottom + 0.5;
    });
    const launcherStyle = await textStyles(page, ['.launch .lt']);
    await page.locator('sabu-ui .launch').click();
    await page.locator('sabu-ui .panel').waitFor();
    const panel = await box(page, 'sabu-ui .panel');
    const heading = await box(page, 'sabu-ui .panel h2');
    const panelStyle = await textStyles(page, ['.panel h2', '.panel li .t']);
    await page.locator('sabu-ui .panel .ghost').first().click(); // minimise: the prompt waits while the panel is open
    await page.click('#publish');
    await page.locator('sabu-ui .sv').waitFor();
    const prompt = await box(page, 'sabu-ui .sv');
    const promptStyle = await textStyles(page, ['.sv legend']);
    // Tours and guides (issue 14) in the same shadow root: an anchored step, a hotspot's tip, a banner.
    await page.evaluate(() => (window as any).sabu.tour('host-tour'));
    await page.locator('sabu-ui .tip[data-side]').waitFor();
    const tourTip = await box(page, 'sabu-ui .tip');
    const tourStyle = await textStyles(page, ['.tip h2', '.tip .txt', '.tip .next']);
    await page.keyboard.press('Escape');
    await page.locator('sabu-ui .tip').waitFor({ state: 'detached' });
    await page.evaluate(() => (window as any).sabu.tour('host-hotspot'));
    await page.locator('sabu-ui .beacon').click();
    await page.locator('sabu-ui .tip').waitFor();
    const hotspotTip = await box(page, 'sabu-ui .tip');
    const hotspotStyle = await textStyles(page, ['.tip .txt']);
    await page.evaluate(() => (window as any).sabu.tour('host-banner'));
    await page.locator('sabu-ui .banner').first().waitFor();
    const banner = await box(page, 'sabu-ui .banner');
    expect(logs).toEqual([]);
    return {
      launcher, title, panel, heading, prompt, tourTip, hotspotTip, banner, ringFits,
      styles: [...launcherStyle, ...panelStyle, ...promptStyle, ...tourStyle, ...hotspotStyle],
    };
  } finally {
    await ctx.close();
  }
}

const within10 = (got: Box, plain: Box, what: string) => {
  expect(Math.abs(got.width - plain.width) / plain.width, `${what} width ${got.width} vs ${plain.width}`).toBeLessThanOrEqual(0.1);
  expect(Math.abs(got.height - plain.height) / plain.height, `${what} height ${got.height} vs ${plain.height}`).toBeLessThanOrEqual(0.1);
};

describe('widgets under hostile host CSS (real Chromium)', () => {
  let plain: Measured;

  it('on a plain page: the launcher title shows and "0/4" fits its ring', async () => {
    plain = await measure('plain');
    expect(plain.title.width).toBeGreaterThan(40);
    expect(plain.ringFits).toBe(true);
    expect(plain.styles[0]!['font-size']).toBe('15px');
  });

  for (const host of ['hostile', 'rem', 'inherit']) {
    it(`host CSS "${host}": every box within 10% of the plain page, titles visible, text styles unchanged`, async () => {
      const m = await measure(host);
      for (const k of ['launcher', 'title', 'panel', 'heading', 'prompt', 'tourTip', 'hotspotTip', 'banner'] as const) within10(m[k], plain[k], k);
      expect(m.ringFits).toBe(true);
      // Same colour (not transparent), size, spacing, case and direction as on the plain page.
      expect(m.styles).toEqual(plain.styles);
    });
  }
});
