import type { SabuContext } from '@sabu/schema';
import type { QueueStore } from './store.js';

/** A request the delivery loop wants sent. */
export interface OutgoingRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  /** Page is going away: use keepalive/beacon, no compression, no waiting. */
  exit?: boolean;
  compress?: boolean;
  /** Read the answer's body (never at exit): only when the request asked the collector something. */
  read?: boolean;
}

/** The collector's answer: status 0 for a network failure. */
export interface DeliveryResult {
  status: number;
  retryAfter?: string | null;
  /** The answer's body, when the request asked for it (`read`); '' if it could not be read. */
  body?: string;
}

/**
 * What the core needs from its environment. The browser implementation lives in
 * src/browser/platform.ts; unit tests pass a fake. Nothing here may throw.
 */
export interface Platform {
  now(): number;
  uuid(): string;
  /** Small synchronous key/value storage (localStorage), used off the hot path only. */
  get(key: string): string | null;
  set(key: string, value: string | null): void;
  /** The keys of that storage starting with `prefix` (none where it is unavailable). */
  keys(prefix: string): string[];
  /** The durable, cross-tab queue; null where there is none. Called once. */
  openStore(name: string): QueueStore | null;
  send(req: OutgoingRequest): Promise<DeliveryResult>;
  /** Runs `fn` holding a cross-tab lock, or returns false without running it when another tab holds it. */
  lock(name: string, fn: () => Promise<void>): Promise<boolean>;
  /** Context of the page at this moment (url, title, screen, locale...). */
  context(): SabuContext;
  /**
   * Subscribes to the page's lifecycle; returns a cleanup. 'leave' (beforeunload) is
   * subscribed only while needed: some browsers keep no back/forward cache for a page
   * that listens to it.
   */
  on(event: 'exit' | 'leave' | 'visible' | 'online' | 'route', cb: () => void): () => void;
  /** Tells other tabs which records were acknowledged, and hears theirs. */
  broadcast(keys: string[]): void;
  onBroadcast(cb: (keys: string[]) => void): () => void;
  /** Do Not Track or Global Privacy Control is on. */
  doNotTrack(): boolean;
}
