import { CDP_READ_MS, SETTLE_AFTER_READY_MS, TIMED_OUT, heapAfterGC, mainThreadMs, newRun, openTarget, sleep, waitForEvents, within } from '../openTarget.mjs';

/**
 * Figure 3. `n` calls of track() in one synchronous loop with a small properties
 * object, then nothing but waiting: the SDK delivers on its own schedule. A tab that
 * crashes, or whose loop has not returned by the deadline (hung), keeps the figures the
 * collector saw; the in-page ones are then missing.
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
    const left = () => deadlineMs - (performance.now() - t0);
    const read = async (fn) => {
      try {
        const v = await within(fn(), CDP_READ_MS);
        return v === TIMED_OUT || s.state.crashed ? null : v;
      } catch {
        return null; // the tab crashed or closed under the call
      }
    };
    const loop = s.page
      .evaluate(
        ([run, n]) => {
          const start = performance.now();
          for (let i = 0; i < n; i++) __b.track('Bench Event', { bench_run: run, bench_n: i, plan: 'pro', seats: 3, trial: false });
          return performance.now() - start;
        },
        [run, n],
      )
      .catch(() => null);
    const loopMs = await within(loop, deadlineMs);
    const loopEnd = performance.now();
    const out = { n, crashed: false, hung: loopMs === TIMED_OUT };
    let gcMs = 0;
    if (typeof loopMs == 'number') {
      out.usPerCall = (loopMs * 1000) / n;
      const busy1 = await read(() => mainThreadMs(s.cdp));
      const heap1 = await read(() => heapAfterGC(s.cdp));
      if (heap1 != null) out.heapAfterLoopKB = (heap1 - heap0) / 1024;
      // The forced GC runs on the main thread too: it is taken out of the busy time.
      const busy2 = await read(() => mainThreadMs(s.cdp));
      if (busy1 != null && busy2 != null) gcMs = busy2 - busy1;
      await waitForEvents(server, n, left(), { state: s.state, quietMs });
      const busy3 = await read(() => mainThreadMs(s.cdp));
      if (busy3 != null && busy2 != null) out.mainThreadMs = busy3 - busy0 - gcMs;
      const heap2 = await read(() => heapAfterGC(s.cdp));
      if (heap2 != null) out.heapAfterFlushKB = (heap2 - heap0) / 1024;
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
