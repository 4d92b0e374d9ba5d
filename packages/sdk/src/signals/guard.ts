import { messages, warnOnce } from '../core/messages.js';

/** Wraps a listener or timer callback: an error inside Sabu never reaches the host page. */
export const guard =
  <A extends unknown[]>(fn: (...a: A) => void) =>
  (...a: A): void => {
    try {
      fn(...a);
    } catch (err) {
      warnOnce(messages.internal(err), 'error');
    }
  };

/** Adds a guarded listener; returns its cleanup. Capture phase and passive by default. */
export function listen<E extends Event>(target: EventTarget, type: string, fn: (e: E) => void, capture = true): () => void {
  const g = guard(fn as (e: Event) => void);
  const opts = { capture, passive: true };
  target.addEventListener(type, g, opts);
  return () => target.removeEventListener(type, g, opts);
}

/** The path part of the URL: what `page` holds in signal events (no query string, which may carry personal data). */
export const page = (): string => location.pathname;
