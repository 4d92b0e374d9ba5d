// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { correctSkew } from '../../../../packages/collector/src/ingest/correctSkew.js';

describe('correctSkew', () => {
  it('shifts by receivedAt − sentAt (client clock ahead)', () => {
    // Client is 1 h ahead: stamped at 11:00, sent at 11:05 client time, received 10:05 server time.
    expect(correctSkew(Date.parse('2026-01-01T11:00:00Z'), Date.parse('2026-01-01T11:05:00Z'), Date.parse('2026-01-01T10:05:00Z'))).toBe(Date.parse('2026-01-01T10:00:00Z'));
  });
  it('shifts the other way for a clock behind', () => {
    expect(correctSkew(1000, 2000, 50_000)).toBe(49_000);
  });
  it('keeps the original time without sentAt', () => {
    expect(correctSkew(1000, undefined, 50_000)).toBe(1000);
    expect(correctSkew(1000, Number.NaN, 50_000)).toBe(1000);
  });
});
