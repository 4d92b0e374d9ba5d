import { describe, expect, it } from 'vitest';
import { createErrorClick, createRateLimit } from '../../../../packages/sdk/src/signals/errorClick';

describe('error click detector', () => {
  it('blames an error at the window on the click, once', () => {
    const e = createErrorClick<string>(500);
    e._click(1000, 'pay');
    expect(e._error(1500)).toBe('pay');
    expect(e._error(1501)).toBeNull();
  });
  it('does not blame an error past the window, or with no click', () => {
    const e = createErrorClick<string>(500);
    expect(e._error(10)).toBeNull();
    e._click(1000, 'pay');
    expect(e._error(1501)).toBeNull();
  });
});

describe('Error rate limit', () => {
  it('lets through at most max per window, and one message once per window', () => {
    const allow = createRateLimit(3, 60_000);
    expect([allow(0, 'a'), allow(1, 'a'), allow(2, 'b'), allow(3, 'c'), allow(4, 'd')]).toEqual([true, false, true, true, false]);
    expect(allow(59_999, 'a')).toBe(false);
    expect(allow(60_000, 'a')).toBe(true);
  });
});
