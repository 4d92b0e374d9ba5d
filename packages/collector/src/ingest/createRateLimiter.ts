/**
 * A fixed-window counter per key (write key + client IP). @fastify/rate-limit keys a
 * request before its body is parsed, and the write key is in the body, so the limit is
 * checked here, after authentication, where the key is known.
 */
export function createRateLimiter(max: number, windowMs: number, now: () => number = Date.now) {
  const windows = new Map<string, { start: number; count: number }>();
  let lastSweep = now();
  return {
    /** Counts a request; returns the seconds to wait when over the limit, else 0. */
    hit(key: string): number {
      const t = now();
      if (t - lastSweep > windowMs) {
        // Forget finished windows so the map cannot grow with every IP ever seen.
        for (const [k, w] of windows) if (t - w.start >= windowMs) windows.delete(k);
        lastSweep = t;
      }
      let w = windows.get(key);
      if (!w || t - w.start >= windowMs) windows.set(key, (w = { start: t, count: 0 }));
      w.count++;
      return w.count > max ? Math.max(1, Math.ceil((w.start + windowMs - t) / 1000)) : 0;
    },
  };
}
