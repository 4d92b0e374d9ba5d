import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from '@sabu/schema';
import type { EventRow } from '../store/EventRow.js';
import { correctSkew } from './correctSkew.js';
import { inTimeRange } from '../store/timeRange.js';

/** Flattens a validated message for the store, correcting its time for clock skew. */
export function toEventRow(m: IncomingMessage, projectId: string, batchSentAt: number | undefined, receivedAt: number): EventRow {
  // A message's own sentAt wins over the batch's (Segment's rule).
  const sentAt = m.sentAt ? Date.parse(m.sentAt) : batchSentAt;
  // Without a timestamp (allowed by Segment's HTTP API) the call happened when it was sent.
  const original = m.timestamp ? Date.parse(m.timestamp) : (sentAt ?? receivedAt);
  const ctx = m.context;
  return {
    projectId,
    // Without an id there is nothing to de-duplicate with: a retry is stored again (as at Segment).
    messageId: m.messageId ?? `srv-${randomUUID()}`,
    type: m.type,
    event: m.type == 'track' ? m.event : m.type == 'page' || m.type == 'screen' ? (m.name ?? null) : null,
    anonymousId: m.anonymousId ?? null,
    previousId: m.type == 'alias' ? m.previousId : null,
    userId: m.userId ?? null,
    groupId: m.type == 'group' ? m.groupId : (ctx?.groupId ?? null),
    timestamp: eventTime(original, sentAt, receivedAt),
    originalTimestamp: original,
    receivedAt,
    sessionId: ctx?.sessionId ?? null,
    pagePath: ctx?.page?.path ?? null,
    // An alias keeps its previousId in properties: the event stays readable as sent.
    properties: m.type == 'alias' ? JSON.stringify({ previousId: m.previousId }) : 'properties' in m && m.properties ? JSON.stringify(m.properties) : null,
    traits: 'traits' in m && m.traits ? JSON.stringify(m.traits) : null,
    context: ctx ? JSON.stringify(ctx) : null,
  };
}

/**
 * The skew-corrected time; when that falls outside 1970–2100 (a broken sentAt), the time
 * as sent; when that is outside too, the receive time: a time nobody can believe is absent.
 */
function eventTime(original: number, sentAt: number | undefined, receivedAt: number): number {
  const corrected = correctSkew(original, sentAt, receivedAt);
  if (inTimeRange(corrected)) return corrected;
  return inTimeRange(original) ? original : receivedAt;
}
