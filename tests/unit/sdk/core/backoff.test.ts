import { describe, expect, it } from 'vitest';
import {
  BACKOFF_MAX_MS,
  MIN_RETRY_MS,
  RETRY_AFTER_MAX_MS,
  backoffDelay,
  isRetryable,
  parseRetryAfter,
} from '../../../../packages/sdk/src/core/backoff';

describe('backoffDelay', () => {
  it('doubles per attempt with jitter between half and all of the step', () => {
    expect(backoffDelay(0, null, () => 0)).toBe(500);
    expect(backoffDelay(0, null, () => 1)).toBe(1000);
    expect(backoffDelay(1, null, () => 0)).toBe(1000);
    expect(backoffDelay(3, null, () => 1)).toBe(8000);
  });
  it('never waits more than the cap, even after many attempts', () => {
    expect(backoffDelay(50, null, () => 1)).toBe(BACKOFF_MAX_MS);
    expect(backoffDelay(1000, null, () => 1)).toBe(BACKOFF_MAX_MS);
  });
  it('honours Retry-After, with a floor against storms and a ceiling against bad headers', () => {
    expect(backoffDelay(0, 2000)).toBe(2000);
    expect(backoffDelay(5, 0)).toBe(MIN_RETRY_MS);
    expect(backoffDelay(0, 10 * RETRY_AFTER_MAX_MS)).toBe(RETRY_AFTER_MAX_MS);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it.each([
    ['2', 2000],
    ['0', 0],
    ['Thu, 01 Jan 2026 00:00:30 GMT', 30_000],
    ['Wed, 31 Dec 2025 00:00:00 GMT', 0],
    ['soon', null],
    ['', null],
    [null, null],
  ])('%s → %s', (value, ms) => expect(parseRetryAfter(value, now)).toBe(ms));
});

describe('isRetryable', () => {
  it.each([
    [0, true],
    [408, true],
    [429, true],
    [500, true],
    [503, true],
    [400, false],
    [401, false],
    [413, false],
    [422, false],
  ])('%i → %s', (status, yes) => expect(isRetryable(status)).toBe(yes));
});
