/**
 * Error clicks, as a pure function of clicks, errors and time: the first uncaught error
 * within `windowMs` after a click is blamed on it (once per click).
 */
export function createErrorClick<T>(windowMs: number) {
  let last: { t: number; el: T } | null = null;
  return {
    _click(t: number, el: T): void {
      last = { t, el };
    },
    /** An error at `t`: returns the click it follows, if any. */
    _error(t: number): T | null {
      if (!last || t - last.t > windowMs || t < last.t) return null;
      const el = last.el;
      last = null;
      return el;
    },
  };
}

/**
 * Bounds `Error` events: at most `max` per `windowMs`, and one message once per window
 * (a render loop throwing the same error 60 times a second sends one event).
 */
export function createRateLimit(max: number, windowMs: number) {
  let sent: [t: number, key: string][] = [];
  return (t: number, key: string): boolean => {
    sent = sent.filter(([at]) => t - at < windowMs);
    if (sent.length >= max || sent.some(([, k]) => k == key)) return false;
    sent.push([t, key]);
    return true;
  };
}
