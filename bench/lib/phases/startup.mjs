import { freshContext } from '../browser.mjs';
import { openTarget, heapAfterGC, newRun, sleep } from '../openTarget.mjs';

/** Async start-up work (settings, storage) that may go on after "ready" gets this long before the heap is read. */
const SETTLE_MS = 500;

/**
 * Figure 2, from three loads, each in a fresh profile: one plain (init, ready, heap, the
 * scripts fetched), one traced (the main thread's EvaluateScript of the SDK file; tracing
 * slows the page, so it is kept apart), one with the code inlined (blocking evaluation).
 */
export async function measureStartup(browser, server, t) {
  const out = {};
  const a = await openTarget(browser, server, t, newRun(t, 'startup'));
  try {
    if (!a.ready) return { failed: 'not ready' };
    const tm = await a.page.evaluate(() => __b.t);
    out.initMs = tm.initEnd - tm.initStart;
    out.initToReadyMs = tm.ready - tm.initStart;
    await sleep(SETTLE_MS);
    out.heapAfterInitKB = (await heapAfterGC(a.cdp)) / 1024;
    // Every script the page fetched by now: the SDK file and the chunks it loaded itself.
    out.scripts = await a.page.evaluate(() =>
      performance.getEntriesByType('resource').filter((e) => e.initiatorType == 'script' || /\.js(\?|$)/.test(e.name)).map((e) => new URL(e.name).pathname),
    );
  } finally {
    await a.close();
  }
  out.evaluateScriptMs = await tracedEvaluateScript(browser, server, t);
  out.blockingEvalMs = await inlineEvaluation(browser, server, t);
  return out;
}

/** The script's code inlined in the page: parse, compile and run, between two marks. */
async function inlineEvaluation(browser, server, t) {
  const { context } = await freshContext(browser);
  try {
    const page = await context.newPage();
    await page.goto(`${server.origin}/page/${t.id}.html?run=${newRun(t, 'inline')}&inline=1`);
    return await page.evaluate(() => __b.t.after - __b.t.before);
  } finally {
    await context.close().catch(() => {});
  }
}

async function tracedEvaluateScript(browser, server, t) {
  const { context } = await freshContext(browser);
  try {
    const page = await context.newPage();
    await browser.startTracing(page, { categories: ['devtools.timeline', 'v8'] });
    await page.goto(`${server.origin}/page/${t.id}.html?run=${newRun(t, 'trace')}`);
    await page.evaluate(() => __b.readyP);
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
    const src = `/static/${t.id}/`;
    let us = 0;
    for (const e of trace.traceEvents ?? trace) {
      if (e.name == 'EvaluateScript' && e.ph == 'X' && e.args?.data?.url?.includes(src)) us += e.dur ?? 0;
    }
    return us / 1000;
  } finally {
    await context.close().catch(() => {});
  }
}
