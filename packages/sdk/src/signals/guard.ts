import { guard } from '../core/guard.js';

export { guard };

/** Adds a guarded listener; returns its cleanup. Capture phase and passive by default. */
export function listen<E extends Event>(target: EventTarget, type: string, fn: (e: E) => void, capture = true): () => void {
  const g = guard(fn as (e: Event) => void);
  const opts = { capture, passive: true };
  target.addEventListener(type, g, opts);
  return () => target.removeEventListener(type, g, opts);
}

/** The path part of the URL: what `page` holds in signal events (no query string, which may carry personal data). */
export const page = (): string => location.pathname;
