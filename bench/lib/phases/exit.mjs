import { SETTLE_AFTER_READY_MS, openTarget, newRun, sleep, waitForEvents } from '../openTarget.mjs';

/** The three ways a page goes away, each started in the same task as the track() calls. */
export const EXIT_KINDS = ['nav', 'reload', 'close'];

/** After the last event arrived, a little longer to see duplicates. */
const GRACE_MS = 300;
/**
 * After a reload, longer: the next page may send again, on its own timer, what it stored.
 * Then the next page is left too, and what it sends as it goes counts as well: the figure
 * covers the next page's whole life, not a window an SDK could wait out. (Sabu, when its
 * exit request's answer came too late, asks the collector whether that request arrived on
 * the next page's first batch; a page with nothing to send leaves the question to the page
 * after it, or asks alone once the doubt is 5 minutes old.) Those requests and copies count.
 */
const RELOAD_SETTLE_MS = 8000;

/**
 * Figure 5. `n` events, then in the same task the page is left. Counts the distinct
 * events that reach the collector within the deadline (after a reload the SDK may send
 * what it stored: that counts, it is the point of storing).
 */
export async function measureExit(browser, server, t, kind, { n, deadlineMs, quietMs }) {
  const run = newRun(t, 'exit-' + kind);
  const s = await openTarget(browser, server, t, run, { popup: kind == 'close' });
  try {
    if (!s.ready) return { failed: 'not ready' };
    await sleep(SETTLE_AFTER_READY_MS);
    const w = server.startWindow(run);
    await s.page
      .evaluate(
        ([run, n, kind]) => {
          for (let i = 0; i < n; i++) __b.track('Bench Event', { bench_run: run, bench_n: i, plan: 'pro', seats: 3, trial: false });
          if (kind == 'nav') location.href = '/blank.html';
          else if (kind == 'reload') location.reload();
          else window.close(); // allowed: the bench opened this tab with window.open
        },
        [run, n, kind],
      )
      .catch(() => {}); // the page goes away under the call
    await waitForEvents(server, n, deadlineMs, { quietMs });
    if (kind == 'reload') {
      await sleep(RELOAD_SETTLE_MS);
      await s.page.goto(`${server.origin}/blank.html`).catch(() => {});
    }
    await sleep(GRACE_MS);
    return { n, kind, delivered: w.seen.size, duplicates: w.markers - w.seen.size, requests: w.requests, blocked: s.blocked.length };
  } finally {
    await s.close();
  }
}
