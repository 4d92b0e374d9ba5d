import { forwardTo, guard } from './guard.js';

/**
 * Every DOM event a detector listens to for the life of the page, where it listens to it:
 * [on document (else window), the event types, capture]. A test holds the detectors to it.
 */
export const TRIGGERS: [onDocument: boolean, types: string, capture: boolean][] = [
  [false, 'click keydown pagehide visibilitychange', true], // features, rage/dead/error clicks, forms, vitals
  [true, 'input change submit', true], // forms
  [false, 'error unhandledrejection', false], // errors (bubble phase: script errors only)
];

/**
 * Runs `setup` (the detectors: listeners, observers, option checks) at the first idle
 * moment rather than inside `init()`, where it cost about 1.3 ms of a first visit's
 * start-up in Chromium (measured in bench/). Nothing is missed meanwhile: the first event a
 * detector would have heard (see {@link TRIGGERS}) runs `setup` at once, and that event
 * goes on to the listeners it added on the same target and phase (the browser does not
 * call a listener added during the dispatch there; on later targets and phases it does).
 * Web vitals lose nothing either: their observers are `buffered`. Returns the cleanup.
 */
export function whenNeeded(setup: () => () => void): () => void {
  let stop: (() => void) | undefined;
  let done = false;
  const offs: (() => void)[] = [];
  const off = () => offs.forEach((f) => f());
  function run() {
    if (done) return;
    done = true;
    off();
    stop = setup();
  }
  for (const [onDocument, types, capture] of TRIGGERS) {
    const target = onDocument ? document : window;
    const fn = (e: Event) => forwardTo(e, target, capture, run);
    for (const type of types.split(' ')) {
      target.addEventListener(type, fn, { capture, passive: true });
      offs.push(() => target.removeEventListener(type, fn, capture));
    }
  }
  (self.requestIdleCallback || setTimeout)(guard(run));
  return () => (done ? stop?.() : ((done = true), off()));
}
