/** One accepted event as the store receives it: flat, with times in epoch milliseconds. */
export interface EventRow {
  projectId: string;
  messageId: string;
  type: 'track' | 'identify' | 'group' | 'page';
  /** Track event name, or page name. */
  event: string | null;
  anonymousId: string;
  userId: string | null;
  /** `group()`'s id, else `context.groupId`. */
  groupId: string | null;
  /** Skew-corrected time (see ingest/correctSkew.ts). */
  timestamp: number;
  /** The time the browser stamped, as sent. */
  originalTimestamp: number;
  receivedAt: number;
  sessionId: string | null;
  pagePath: string | null;
  properties: string | null;
  traits: string | null;
  context: string | null;
}
