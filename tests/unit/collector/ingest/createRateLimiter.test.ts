// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../../../packages/collector/src/ingest/createRateLimiter.js';

describe('createRateLimiter', () => {
  it('allows max requests per window per key, then asks to wait until the window ends', () => {
    let now = 0;
    const l = createRateLimiter(2, 10_000, () => now);
    expect([l.hit('a'), l.hit('a'), l.hit('b')]).toEqual([0, 0, 0]);
    now = 2500;
    expect(l.hit('a')).toBe(8); // 7.5 s left, rounded up
    now = 10_000;
    expect(l.hit('a')).toBe(0);
  });
});
