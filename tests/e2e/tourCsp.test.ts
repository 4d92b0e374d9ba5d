import { describe, expect, it } from 'vitest';
import { useE2E } from './utils/fixture';

const env = useE2E({
  'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self' http://127.0.0.1:*",
});

describe('tours and guides under a strict Content-Security-Policy', () => {
  it('load their chunks, are styled and positioned, with no violation', async () => {
    const { page, ctx, logs } = await env.open('tour-app.html?show=e2e-basic');
    const violations: string[] = [];
    page.on('console', (m) => /Content Security Policy|Refused/.test(m.text()) && violations.push(m.text()));
    const tip = page.locator('sabu-ui .tip');
    await tip.waitFor();
    await page.locator('sabu-ui .next').click();
    await page.locator('sabu-ui .spot').waitFor();
    const style = await tip.evaluate((el) => {
      const s = getComputedStyle(el);
      return { bg: s.backgroundColor, radius: s.borderTopLeftRadius, position: s.position, side: (el as HTMLElement).dataset.side };
    });
    expect(style).toEqual({ bg: 'rgb(255, 255, 255)', radius: '12px', position: 'fixed', side: 'bottom' });
    await page.evaluate(() => (window as any).sabu.tour('e2e-hotspot'));
    await page.locator('sabu-ui .beacon').waitFor();
    expect(violations).toEqual([]);
    expect(logs).toEqual([]);
    await ctx.close();
  });
});
