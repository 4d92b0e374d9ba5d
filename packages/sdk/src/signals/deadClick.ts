/**
 * Dead clicks, as a pure function of clicks, signs of life and time. A click is dead when
 * nothing answers it within `windowMs`: no DOM change, navigation, focus or visibility
 * change, scroll or request. A newer click replaces a pending one (a burst on a dead
 * button gives one dead click, and a click cut short is never called dead).
 */
export function createDeadClick<T>(windowMs: number) {
  let pending: { t: number; el: T } | null = null;
  return {
    _click(t: number, el: T): void {
      pending = { t, el };
    },
    /** Something happened on the page at `t`: the pending click was answered. */
    _alive(t: number): void {
      if (pending && t >= pending.t) pending = null;
    },
    /** Returns the dead click's element once `windowMs` has passed with no answer. */
    _tick(t: number): T | null {
      if (!pending || t - pending.t < windowMs) return null;
      const el = pending.el;
      pending = null;
      return el;
    },
    _pending: (): boolean => !!pending,
  };
}
