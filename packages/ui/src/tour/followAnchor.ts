/** While shown, the anchor's box is also compared this often (ms), for moves without a scroll or resize (content inserted above it). */
const POLL_MS = 250;

/**
 * Calls `update` (at most once per frame) whenever the anchor may have moved: any scroll
 * (capture, so nested scrolling containers count too), a window resize or zoom, a resize of
 * the anchor or the tip (ResizeObserver), and a cheap periodic check of the anchor's box.
 * Passive listeners only: the page's scrolling is never held up. Returns the cleanup.
 */
export function followAnchor(anchor: Element, tip: HTMLElement, update: () => void): () => void {
  let frame = 0;
  let last = '';
  const schedule = () => (frame ||= requestAnimationFrame(() => ((frame = 0), update())));
  const opts: AddEventListenerOptions = { capture: true, passive: true };
  addEventListener('scroll', schedule, opts);
  addEventListener('resize', schedule, opts);
  const ro = typeof ResizeObserver == 'function' ? new ResizeObserver(schedule) : null;
  ro?.observe(anchor);
  ro?.observe(tip);
  const poll = setInterval(() => {
    const r = anchor.getBoundingClientRect();
    const now = [r.left, r.top, r.width, r.height].join();
    if (now != last) (last = now), schedule();
    if (!anchor.isConnected) schedule();
  }, POLL_MS);
  update();
  return () => {
    removeEventListener('scroll', schedule, opts);
    removeEventListener('resize', schedule, opts);
    ro?.disconnect();
    clearInterval(poll);
    cancelAnimationFrame(frame);
  };
}
