import { SETTLE_AFTER_READY_MS, openTarget, heapAfterGC, mainThreadMs, newRun, sleep, waitForEvents } from '../openTarget.mjs';

/**
 * Figure 3. `n` calls of track() in one synchronous loop with a small properties
 * object, then nothing but waiting: the SDK delivers on its own schedule.
 */
export async function measureTrack(browser, server, t, { n, deadlineMs, quietMs }) {
  const run = newRun(t, 'track');
  const s = await openTarget(browser, server, t, run);
  try {
    if (!s.ready) return { failed: 'not ready' };
    await sleep(SETTLE_AFTER_READY_MS);
    await s.cdp.send('Performance.enable');
    const heap0 = await heapAfterGC(s.cdp);
    const w = server.startWindow(run);
    const busy0 = await mainThreadMs(s.cdp);
    const t0 = performance.now();
    let loopMs;
    try {
      loopMs = await s.page.evaluate(
        ([run, n]) => {
          const start = performance.now();
          for (let i = 0; i < n; i++) __b.track('Bench Event', { bench_run: run, bench_n: i, plan: 'pro', seats: 3, trial: false });
          return performance.now() - start;
        },
        [run, n],
      );
    } catch (err) {
      if (!s.state.crashed) throw err;
    }
    const loopEnd = performance.now();
    const out = { n, crashed: false };
    if (loopMs != null && !s.state.crashed) {
      out.usPerCall = (loopMs * 1000) / n;
      const busy1 = await mainThreadMs(s.cdp);
      out.heapAfterLoopKB = ((await heapAfterGC(s.cdp)) - heap0) / 1024;
      // The forced GC above runs on the main thread too: take it out of the busy time.
      const gcMs = (await mainThreadMs(s.cdp)) - busy1;
      await waitForEvents(server, n, deadlineMs - (performance.now() - t0), { state: s.state, quietMs });
      if (!s.state.crashed) {
        try {
          out.mainThreadMs = (await mainThreadMs(s.cdp)) - busy0 - gcMs;
          out.heapAfterFlushKB = ((await heapAfterGC(s.cdp)) - heap0) / 1024;
        } catch {
          /* crashed while reading */
        }
      }
    }
    out.crashed = s.state.crashed;
    out.delivered = w.seen.size;
    out.duplicates = w.markers - w.seen.size;
    out.requests = w.requests;
    out.settledS = w.seen.size >= n ? Math.max(0, w.lastNewAt - loopEnd) / 1000 : null;
    out.blocked = s.blocked.length;
    return out;
  } finally {
    await s.close();
  }
}
