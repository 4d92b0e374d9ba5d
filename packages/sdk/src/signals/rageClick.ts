import type { RageClickOptions } from './types.js';

/** One click as the rage detector sees it; `el` rides along for the report. */
export interface RageInput<T = unknown> {
  x: number;
  y: number;
  t: number;
  el?: T;
}

/**
 * Rage clicks, as a pure function of clicks and time. Clicks chain while each comes
 * within `windowMs` of the previous one and within `radius` px of the chain's first; a
 * chain holding `count` clicks inside one `windowMs` span is a burst, reported once,
 * when it ends, with all its clicks. Whatever answers a click (a DOM change, a
 * navigation, a request...) ends the chain: a stepper or a "next page" arrow answers
 * every click, so its chain never grows.
 */
export function createRageClick<T>(o: Required<RageClickOptions>) {
  let chain: RageInput<T>[] = [];
  let most = 0;
  const end = (): RageInput<T>[] | null => {
    const done = most >= o.count ? chain : null;
    chain = [];
    most = 0;
    return done;
  };
  return {
    /** Adds a click; returns the burst that this click ended, if it was one. */
    _add(c: RageInput<T>): RageInput<T>[] | null {
      const first = chain[0];
      const last = chain[chain.length - 1];
      const done = first && (c.t - last!.t > o.windowMs || Math.hypot(c.x - first.x, c.y - first.y) > o.radius) ? end() : null;
      chain.push(c);
      most = Math.max(most, chain.filter((p) => c.t - p.t <= o.windowMs).length);
      return done;
    },
    /** The clicks were answered, or time passed: returns the chain if it was a burst. */
    _end: end,
    /** Ends the chain only if `windowMs` passed since its last click (for a timer). */
    _tick(t: number): RageInput<T>[] | null {
      const last = chain[chain.length - 1];
      return last && t - last.t > o.windowMs ? end() : null;
    },
  };
}
