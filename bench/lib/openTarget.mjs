import { freshContext } from './browser.mjs';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Longest a target may take to say it is ready before the measurement is marked failed. */
const READY_TIMEOUT_MS = 15_000;

let runs = 0;
/** A run id unique to one measurement: the collector counts only events that carry it. */
export const newRun = (t, phase) => `${t.id}-${phase}-${Date.now().toString(36)}-${runs++}`;

/**
 * Opens the target's page in a fresh profile and waits until the SDK is ready.
 * `popup: true` opens it with window.open from a blank page, so the page may close
 * itself with window.close() (the "tab close" exit).
 */
export async function openTarget(browser, server, t, run, { popup = false } = {}) {
  const { context, blocked } = await freshContext(browser);
  open.add(context);
  context.on('close', () => open.delete(context));
  const url = `${server.origin}/page/${t.id}.html?run=${encodeURIComponent(run)}`;
  let page;
  if (popup) {
    const opener = await context.newPage();
    await opener.goto(`${server.origin}/blank.html`);
    [page] = await Promise.all([context.waitForEvent('page'), opener.evaluate((u) => void window.open(u), url)]);
    await page.waitForLoadState('load');
  } else {
    page = await context.newPage();
    await page.goto(url);
  }
  const state = { crashed: false, errors: [] };
  page.on('crash', () => (state.crashed = true));
  page.on('pageerror', (e) => state.errors.push(e.message));
  const ready = await Promise.race([
    page.evaluate(() => __b.readyP.then(() => true)),
    sleep(READY_TIMEOUT_MS).then(() => false),
  ]);
  const cdp = await context.newCDPSession(page);
  return { context, page, cdp, blocked, state, ready, close: () => context.close().catch(() => {}) };
}

/** Used JS heap after a full garbage collection, in bytes. */
export async function heapAfterGC(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

/** Main-thread busy time of the renderer so far (ms), from the Performance domain. */
export async function mainThreadMs(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name == 'TaskDuration')?.value ?? 0) * 1000;
}

/**
 * Polls the collector until `expected` distinct events arrived, the deadline passed,
 * the tab crashed, or (with `quietMs`) nothing new arrived for that long after a first event.
 * @returns whether all arrived
 */
export async function waitForEvents(server, expected, deadlineMs, { state, quietMs } = {}) {
  const w = server.window;
  const start = performance.now();
  const end = start + deadlineMs;
  while (performance.now() < end && !state?.crashed) {
    if (w.seen.size >= expected) return true;
    // Quiet counts only once something arrived: SDKs that flush on a timer (Mixpanel, 5 s) send nothing at first.
    if (quietMs && w.lastNewAt > start && performance.now() - w.lastNewAt > quietMs) break;
    await sleep(50);
  }
  return w.seen.size >= expected;
}

const open = new Set();
/** After a measurement timed out: close whatever it left open, so it cannot eat the CPU of the next one. */
export async function closeAllContexts() {
  await Promise.all([...open].map((c) => c.close().catch(() => {})));
  open.clear();
}

/** Pause between "ready" and the measurement, for start-up work the SDK queued after it. */
export const SETTLE_AFTER_READY_MS = 250;

export const TIMED_OUT = Symbol('timed out');
/** Resolves to TIMED_OUT when `p` takes longer than `ms`: a hung tab must not hang the run. */
export const within = (p, ms) => Promise.race([p, sleep(Math.max(0, ms)).then(() => TIMED_OUT)]);

/** How long one DevTools read (heap, busy time) may take before it is given up: a busy tab answers late. */
export const CDP_READ_MS = 10_000;
