import { describe, expect, it } from 'vitest';
import { useE2E } from './utils/fixture';

const env = useE2E({
  'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self' http://127.0.0.1:*",
});

describe('checklist under a strict Content-Security-Policy', () => {
  it('loads the UI chunk, applies its styles and ticks items, with no violation', async () => {
    const { page, ctx, logs } = await env.open('checklist-app.html');
    const violations: string[] = [];
    page.on('console', (m) => /Content Security Policy|Refused/.test(m.text()) && violations.push(m.text()));
    await page.locator('sabu-ui .panel').waitFor();
    // Styled: the constructable stylesheet was accepted under style-src 'self'.
    const panel = await page.locator('sabu-ui .panel').evaluate((el) => {
      const s = getComputedStyle(el);
      return { bg: s.backgroundColor, radius: s.borderTopLeftRadius, shadow: s.boxShadow != 'none' };
    });
    expect(panel).toEqual({ bg: 'rgb(255, 255, 255)', radius: '12px', shadow: true });
    await page.click('#create-project');
    await expect.poll(() => page.locator('sabu-ui li.done').count()).toBe(1);
    await page.evaluate(() => (window as any).sabu.flush());
    await env.collector.waitFor(() => env.collector.events().includes('Checklist Item Completed'), 30_000);
    expect(violations).toEqual([]);
    expect(logs).toEqual([]);
    await ctx.close();
  });
});
