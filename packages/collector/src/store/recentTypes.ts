/** What the live view asks for: the newest events of a project, in receive order. */
export interface RecentQuery {
  projectId: string;
  /** A cursor from an earlier answer: only events received after it. */
  after?: string;
  /** Only events with this name (track event or page name). */
  event?: string;
  /** Only this person: a user id (with the anonymous ids linked to it) or an anonymous id. */
  person?: string;
  /** At most this many events. */
  limit: number;
}

/** One event as the live view shows it. Times are ISO strings. */
export interface RecentEvent {
  messageId: string;
  receivedAt: string;
  timestamp: string;
  type: string;
  event: string | null;
  userId: string | null;
  /** Null for a server-side event sent with a userId only. */
  anonymousId: string | null;
  /** The page's URL path, when the SDK sent one. */
  page: string | null;
  properties: Record<string, unknown> | null;
}

export interface RecentEvents {
  /** Oldest first, newest last. */
  events: RecentEvent[];
  /** Pass back as `after` to get only newer events. Opaque. */
  cursor: string;
}
