import { guard } from '../core/guard.js';

export { guard };

/** While a detector set-up runs inside a dispatch (see whenNeeded.ts): that event, where it is, and its listeners added there. */
interface Forwarding {
  _e: Event;
  _target: EventTarget;
  _capture: boolean;
  _late: ((e: Event) => void)[];
}
let forwarding: Forwarding | null = null;

/** Adds a guarded listener; returns its cleanup. Capture phase and passive by default. */
export function listen<E extends Event>(target: EventTarget, type: string, fn: (e: E) => void, capture = true): () => void {
  const g = guard(fn as (e: Event) => void);
  const opts = { capture, passive: true };
  target.addEventListener(type, g, opts);
  const f = forwarding;
  if (f && f._e.type == type && f._target == target && f._capture == capture) f._late.push(g);
  return () => target.removeEventListener(type, g, opts);
}

/**
 * Runs `setup` while `e` is being dispatched at `target` (in the capture phase or not),
 * then calls the listeners it added there for `e`'s type, in order: the browser leaves out
 * listeners added to the target whose listeners it is calling.
 */
export function forwardTo(e: Event, target: EventTarget, capture: boolean, setup: () => void): void {
  const f: Forwarding = { _e: e, _target: target, _capture: capture, _late: [] };
  forwarding = f;
  try {
    guard(setup)();
  } finally {
    forwarding = null;
  }
  for (const g of f._late) g(e);
}

/** The path part of the URL: what `page` holds in signal events (no query string, which may carry personal data). */
export const page = (): string => location.pathname;
