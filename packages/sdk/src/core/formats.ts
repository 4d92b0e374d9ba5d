import type { SabuMessage } from '@sabu/schema';
import type { FormatFunction } from '../types.js';

/**
 * Builds a request body from serialised messages. The default (Segment) body is made
 * by joining the strings stored at `track()` time, so nothing is serialised twice.
 */
export function buildBody(
  format: 'segment' | 'posthog' | FormatFunction,
  serialised: string[],
  writeKey: string,
  sentAt: string,
  /** More top-level fields of the Segment body (`,"exitId":"…"`, see exitLedger); other formats carry none. */
  extra = '',
): string {
  if (format == 'segment') {
    return `{"batch":[${serialised.join(',')}],"sentAt":"${sentAt}","writeKey":${JSON.stringify(writeKey)}${extra}}`;
  }
  // A named format ('posthog') was resolved to its function by validateConfig.
  const body = (format as FormatFunction)(serialised.map((s) => JSON.parse(s) as SabuMessage), { writeKey, sentAt });
  return typeof body == 'string' ? body : JSON.stringify(body);
}
