/** One accepted event as the store receives it: flat, with times in epoch milliseconds. */
export interface EventRow {
  projectId: string;
  messageId: string;
  type: 'track' | 'identify' | 'group' | 'page' | 'screen' | 'alias';
  /** Track event name, or page / screen name. */
  event: string | null;
  /** Null for a server-side event sent with a userId only. */
  anonymousId: string | null;
  /** alias(): the id (anonymous or an earlier user id) that becomes `userId`. */
  previousId?: string | null;
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
  /**
   * JSON text of an object, as ingest's `JSON.stringify` writes it. The DuckDB store appends
   * it without parsing when it can vouch for it (store/duckdb/appendEvents.ts), else lets
   * the database check it.
   */
  properties: string | null;
  traits: string | null;
  context: string | null;
}
