import { SETTLE_AFTER_READY_MS, openTarget, newRun, sleep, waitForEvents } from '../openTarget.mjs';

/** Figure 4. `n` events in one burst: what it costs on the wire to deliver them. */
export async function measureDelivery(browser, server, t, { n, deadlineMs, quietMs, graceMs }) {
  const run = newRun(t, 'delivery');
  const s = await openTarget(browser, server, t, run);
  try {
    if (!s.ready) return { failed: 'not ready' };
    await sleep(SETTLE_AFTER_READY_MS);
    const w = server.startWindow(run);
    const t0 = performance.now();
    await s.page.evaluate(
      ([run, n]) => {
        for (let i = 0; i < n; i++) __b.track('Bench Event', { bench_run: run, bench_n: i, plan: 'pro', seats: 3, trial: false });
      },
      [run, n],
    ).catch(() => {});
    const all = await waitForEvents(server, n, deadlineMs, { state: s.state, quietMs });
    await sleep(graceMs); // requests after the last event still count (a trailing batch, a retry)
    return {
      n,
      delivered: w.seen.size,
      duplicates: w.markers - w.seen.size,
      requests: w.requests,
      bodyKB: w.bodyBytes / 1024,
      wireKB: w.wireBytes / 1024,
      wireBytesPerEvent: w.seen.size ? w.wireBytes / w.seen.size : null,
      allArrivedMs: all ? w.lastNewAt - t0 : null,
      crashed: s.state.crashed,
      blocked: s.blocked.length,
    };
  } finally {
    await s.close();
  }
}
