import { freshContext } from '../browser.mjs';
import { sleep } from '../openTarget.mjs';
import { STEPS } from '../tourLibs.mjs';

/** Quiet time before a trigger (start-up work done) and after the tour ends (late shifts counted). */
const SETTLE_MS = 400;
/** Longest wait for a library to load, and for one step to be painted. */
const LOAD_TIMEOUT_MS = 15_000;
const STEP_TIMEOUT_MS = 10_000;
/** How far the user scrolls down and back up while the first step is shown (px). */
const SCROLL_PX = 200;

/**
 * Figure 7, one round of one library, in a fresh profile: the host page loads the library
 * as its users do; then, timed in the page (tourLibs.mjs, `__tb.measure`):
 * - cold: the trigger (Sabu `sabu.tour(id)`, driver.js `driver().drive()`, Shepherd
 *   `new Tour` + `addStep` + `start()`) to the first step painted; for Sabu this includes
 *   fetching and running the widget chunks, which load on the first step shown;
 * - scroll: the user scrolls down and back up with the wheel while the first step is shown;
 * - next: a click on Next to the second step painted, then to the third, then Done;
 * - warm: the same tour started again in the same page (everything loaded and compiled);
 * - layout shift: the sum of the `layout-shift` entries without recent input, from the
 *   first trigger until the tour has ended and the page was quiet for {@link SETTLE_MS};
 * - the scripts and styles fetched after the trigger (what loaded on demand).
 */
export async function measureTour(browser, server, lib) {
  const { context, blocked } = await freshContext(browser);
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.origin}/page/tour-${lib.id}.html`);
    const loaded = await page
      .waitForFunction(
        (chunk) => document.readyState == 'complete' && (!chunk || performance.getEntriesByType('resource').some((e) => e.name.endsWith('/' + chunk))),
        lib.loadedAt ?? null,
        { timeout: LOAD_TIMEOUT_MS },
      )
      .then(() => true, () => false);
    if (!loaded) return { failed: `${lib.loadedAt ?? 'page'} not loaded`, errors };
    await sleep(SETTLE_MS);

    /** Times the trigger (`start`) or a real click on the Next button of the step on screen to step `i` painted. */
    const step = async (action, i) => {
      const timed = page.evaluate(
        ([start, title, ms]) =>
          (window.__tbStep = Promise.race([
            __tb.measure(start ? __tb.start : null, title),
            new Promise((r) => setTimeout(() => r({ error: `step "${title}" not painted within ${ms} ms` }), ms)),
          ])) && null,
        [action == 'start', STEPS[i].title, STEP_TIMEOUT_MS],
      );
      await timed;
      if (action == 'next') await clickNext();
      return page.evaluate(() => window.__tbStep);
    };
    /** A real click (input events from the browser, so `hadRecentInput` is set as for a user). */
    const clickNext = async () => {
      const button = await page.evaluateHandle(() => __tb.nextButton());
      await button.asElement()?.click({ timeout: STEP_TIMEOUT_MS });
    };
    const gone = () => page.waitForFunction(() => !__tb.shown(''), null, { timeout: STEP_TIMEOUT_MS });

    const cold = await step('start', 0);
    if (cold.error) return { failed: cold.error, errors };
    const fetched = await page.evaluate(
      (t0) => performance.getEntriesByType('resource').filter((e) => e.startTime >= t0).map((e) => new URL(e.name).pathname),
      cold.t0,
    );
    // The user scrolls while the first step is shown (wheel input, which CLS does not excuse): a tip that follows its anchor must not shift.
    await page.mouse.move(640, 400);
    for (const dy of [SCROLL_PX, -SCROLL_PX]) {
      await page.mouse.wheel(0, dy);
      await sleep(SETTLE_MS);
    }
    const nexts = [];
    for (let i = 1; i < STEPS.length; i++) {
      await sleep(SETTLE_MS / 2);
      const r = await step('next', i);
      if (r.error) return { failed: r.error, errors };
      nexts.push(r.paintedMs);
    }
    await sleep(SETTLE_MS / 2);
    await clickNext(); // Done
    await gone();
    await sleep(SETTLE_MS);
    const shifts = await page.evaluate((t0) => __tb.shifts.filter((s) => s.t >= t0), cold.t0);
    // TOUR_DEBUG=1: each shift with the boxes that moved (what to fix when one shows up).
    if (process.env.TOUR_DEBUG) console.error(lib.id, JSON.stringify(shifts));
    const noShifts = await page.evaluate(() => __tb.noShifts ?? null);

    const warm = await step('start', 0);
    return {
      coldMs: cold.paintedMs,
      coldVisibleMs: cold.visibleMs,
      nextMs: nexts.reduce((a, b) => a + b, 0) / nexts.length,
      warmMs: warm.error ? null : warm.paintedMs,
      cls: noShifts ? null : shifts.filter((s) => !s.input).reduce((a, s) => a + s.v, 0),
      // Shifts right after a click on Next are not the host's problem by the metric's rules (hadRecentInput), but they are shown.
      shiftAfterInput: noShifts ? null : shifts.filter((s) => s.input).reduce((a, s) => a + s.v, 0),
      shifts: shifts.length,
      fetched,
      blocked: blocked.length,
      ...(errors.length ? { errors } : {}),
    };
  } finally {
    await context.close().catch(() => {});
  }
}
