/** First retry after about a second, doubling up to five minutes (Segment uses 1 s to ~5 min). */
export const BACKOFF_BASE_MS = 1000;
export const BACKOFF_MAX_MS = 5 * 60 * 1000;
/** Even `Retry-After: 0` waits this long: a floor against retry storms. */
export const MIN_RETRY_MS = 500;
/** A server asking for more than an hour is capped, so a bad header cannot park events for days. */
export const RETRY_AFTER_MAX_MS = 60 * 60 * 1000;

/**
 * Delay before retry number `attempt` (0-based): exponential, with "equal jitter" (half
 * fixed, half random) so that many tabs recovering from one outage spread out.
 * A `Retry-After` given by the server wins when it asks for longer.
 */
export function backoffDelay(attempt: number, retryAfterMs: number | null, random: () => number = Math.random): number {
  const exp = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempt, 20));
  const delay = exp / 2 + (random() * exp) / 2;
  return retryAfterMs == null ? delay : Math.max(MIN_RETRY_MS, Math.min(retryAfterMs, RETRY_AFTER_MAX_MS));
}

/** Parses `Retry-After`: delta-seconds or an HTTP date. Null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  if (!value) return null;
  const secs = Number(value);
  if (!isNaN(secs)) return Math.max(0, secs * 1000);
  const date = Date.parse(value);
  return isNaN(date) ? null : Math.max(0, date - now);
}

/** Statuses worth retrying: network failure (0), timeout, rate limit, server errors. */
export const isRetryable = (status: number): boolean => status == 0 || status == 408 || status == 429 || status >= 500;
