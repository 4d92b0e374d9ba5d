import { describe, expect, it } from 'vitest';
import { useE2E } from './utils/fixture';

const env = useE2E({
  'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self' http://127.0.0.1:*",
});

describe('strict Content-Security-Policy', () => {
  it('runs and delivers under script-src self with no unsafe-inline or unsafe-eval', async () => {
    const violations: string[] = [];
    const { page, ctx, logs } = await env.open('csp.html');
    page.on('console', (m) => m.text().includes('Content Security Policy') && violations.push(m.text()));
    await page.click('#b');
    await env.collector.waitFor(() => env.collector.events().includes('Under CSP'));
    expect(violations).toEqual([]);
    expect(logs).toEqual([]);
    await ctx.close();
  });
});
