import { describe, expect, it } from 'vitest';
import { useE2E } from './utils/fixture';

const env = useE2E({
  'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self' http://127.0.0.1:*",
});

describe('survey prompt under a strict Content-Security-Policy', () => {
  it('loads from data-surveys, is styled and answers, with no violation', async () => {
    const { page, ctx, logs } = await env.open('survey-csp.html');
    const violations: string[] = [];
    page.on('console', (m) => /Content Security Policy|Refused/.test(m.text()) && violations.push(m.text()));
    await page.click('#export');
    const box = page.locator('sabu-ui .sv');
    await box.waitFor();
    const style = await box.evaluate((el) => {
      const s = getComputedStyle(el);
      return { bg: s.backgroundColor, radius: s.borderTopLeftRadius, shadow: s.boxShadow != 'none' };
    });
    expect(style).toEqual({ bg: 'rgb(255, 255, 255)', radius: '12px', shadow: true });
    await page.locator('sabu-ui .opt').last().click();
    // Nudges delivery while waiting (see arrived() in survey.test.ts).
    for (let i = 0; i < 50 && !env.collector.events().includes('Survey Answered'); i++) {
      await page.evaluate(() => (window as any).sabu.flush());
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(env.collector.own().find((m) => m.event == 'Survey Answered')!.properties).toMatchObject({ score: 10, bucket: 'promoter' });
    expect(violations).toEqual([]);
    expect(logs).toEqual([]);
    await ctx.close();
  });
});
