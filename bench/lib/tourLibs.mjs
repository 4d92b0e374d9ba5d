import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH, ROOT } from './targets.mjs';

const nm = (p) => join(BENCH, 'node_modules', p);
const sabuDist = (f) => join(ROOT, 'packages/sdk/dist', f);

/**
 * The tour figure (figure 7): the same 3-step tour on the same host page, shown by Sabu,
 * driver.js and Shepherd, each loaded as its users load it. Every step points at an
 * element of the app (header button, sidebar link, content card), with a title, a text
 * and Back / Next buttons, so the three draw comparable tips.
 */
export const STEPS = [
  { id: 'create', anchor: '#create-project', side: 'bottom', title: 'Create a project', text: 'Start here: a project holds your dashboards and reports.' },
  { id: 'reports', anchor: '#nav-reports', side: 'right', title: 'Your reports', text: 'Every report you save is listed here, by team.' },
  { id: 'usage', anchor: '#usage-chart', side: 'top', title: 'Usage this week', text: 'Active users per day; hover a bar for the exact count.' },
];

const KEY = 'bench_key';

/**
 * Each library: the files its users load for a tour (`files`: the sizes figure; `served`:
 * URL path → file), the tags in the page's head, the inline code that makes it ready
 * (`setup`, run at load) and that starts the tour (`start`, the timed trigger), and how the
 * page finds its tips (`tips`: the elements on screen once positioned; `next`: the Next button of the step on screen).
 * `loadedAt`: what the page waits for before the first trigger (Sabu's runtime chunk,
 * which the script tag fetches at init when tours are configured).
 *
 * @typedef {{ id: string, name: string, pkg: string, peer: boolean, files: { label: string, file: string }[],
 *   served: Map<string, string>, head: string, setup: (origin: string) => string, start: string,
 *   tips: string, next: string, loadedAt?: string, bundle?: object }} TourLib
 */

/** @type {TourLib[]} */
export const TOUR_LIBS = [
  {
    id: 'sabu',
    name: 'Sabu',
    pkg: join(ROOT, 'packages/sdk/package.json'),
    peer: false,
    // On demand, beyond sabu.min.js (already on the page for analytics): the runtime at init, the widgets and the tour UI at the first step.
    files: [
      { label: 'sabu-tours.js (runtime: triggers, state, anchors)', file: sabuDist('sabu-tours.js') },
      { label: 'sabu-ui.js (shared widgets, Preact)', file: sabuDist('sabu-ui.js') },
      { label: 'sabu-guides.js (tour UI + positioning)', file: sabuDist('sabu-guides.js') },
    ],
    served: new Map(['sabu.min.js', 'sabu-tours.js', 'sabu-ui.js', 'sabu-guides.js'].map((f) => ['/static/tour-sabu/' + f, sabuDist(f)])),
    head: '<script src="/static/tour-sabu/sabu.min.js"></script>',
    setup: (origin) => `sabu.init({ writeKey: ${JSON.stringify(KEY)}, endpoint: ${JSON.stringify(origin + '/sabu/v1/batch')}, trackPages: false, signals: { webVitals: false },
  tours: [{ id: 'bench', steps: ${JSON.stringify(STEPS.map((s) => ({ id: s.id, anchor: s.anchor, placement: s.side, title: s.title, text: s.text })))} }] });`,
    start: `sabu.tour('bench');`,
    tips: `(function () { var h = document.querySelector('sabu-ui'); return h && h.shadowRoot ? h.shadowRoot.querySelectorAll('.tip[data-side]') : []; })()`,
    next: `document.querySelector('sabu-ui').shadowRoot.querySelector('.tip .next')`,
    loadedAt: 'sabu-tours.js',
  },
  {
    id: 'driver',
    name: 'driver.js',
    pkg: nm('driver.js/package.json'),
    peer: true,
    files: [
      { label: 'driver.js.iife.js', file: nm('driver.js/dist/driver.js.iife.js') },
      { label: 'driver.css', file: nm('driver.js/dist/driver.css') },
    ],
    served: new Map([
      ['/static/tour-driver/driver.js.iife.js', nm('driver.js/dist/driver.js.iife.js')],
      ['/static/tour-driver/driver.css', nm('driver.js/dist/driver.css')],
    ]),
    // As its README's CDN install: the stylesheet and the IIFE.
    head: '<link rel="stylesheet" href="/static/tour-driver/driver.css"><script src="/static/tour-driver/driver.js.iife.js"></script>',
    setup: () => '',
    start: `window.__drv = window.driver.js.driver({ showProgress: true, steps: ${JSON.stringify(
      STEPS.map((s) => ({ element: s.anchor, popover: { title: s.title, description: s.text, side: s.side } })),
    )} }); __drv.drive();`,
    tips: `document.querySelectorAll('.driver-popover')`,
    next: `document.querySelector('.driver-popover-next-btn')`,
  },
  {
    id: 'shepherd',
    name: 'Shepherd',
    pkg: nm('shepherd.js/package.json'),
    peer: true,
    // shepherd.js ships ES modules only: the bundle the size figure also uses (bench/lib/bundle.mjs).
    bundle: { input: nm('shepherd.js/dist/js/shepherd.mjs'), name: 'Shepherd' },
    files: [
      { label: 'shepherd.min.js (bundled by the bench)', file: join(BENCH, '.build/shepherd.min.js') },
      { label: 'shepherd.css', file: nm('shepherd.js/dist/css/shepherd.css') },
    ],
    served: new Map([
      ['/static/tour-shepherd/shepherd.min.js', join(BENCH, '.build/shepherd.min.js')],
      ['/static/tour-shepherd/shepherd.css', nm('shepherd.js/dist/css/shepherd.css')],
    ]),
    head: '<link rel="stylesheet" href="/static/tour-shepherd/shepherd.css"><script src="/static/tour-shepherd/shepherd.min.js"></script>',
    setup: () => '',
    start: `var S = window.Shepherd.default || window.Shepherd;
var tour = new S.Tour({ useModalOverlay: false, defaultStepOptions: { cancelIcon: { enabled: true } } });
${JSON.stringify(STEPS)}.forEach(function (s, i, all) {
  tour.addStep({ id: s.id, title: s.title, text: s.text, attachTo: { element: s.anchor, on: s.side },
    buttons: [].concat(i ? [{ text: 'Back', action: tour.back }] : [], [{ text: i == all.length - 1 ? 'Done' : 'Next', action: tour.next, classes: 'bench-next' }]) });
});
window.__shp = tour; tour.start();`,
    tips: `document.querySelectorAll('.shepherd-element.shepherd-enabled')`,
    next: `__shp.getCurrentStep().getElement().querySelector('.bench-next')`,
  },
];

/** The libraries that can run here: Sabu needs a build, the peers bench/node_modules. */
export const tourLibsAvailable = (libs) => libs.filter((l) => l.files.every((f) => existsSync(f.file) || (l.bundle && f.file.includes('.build'))));

/**
 * A small SaaS app: a header with the primary action, a sidebar, and content long enough
 * to scroll (so a library that hides the page's scrollbar would shift the layout), and
 * the in-page harness that times the tour and records layout shifts.
 */
export function tourPage(lib, origin) {
  const nav = ['Home', 'Projects', 'Reports', 'Team', 'Billing', 'Settings']
    .map((n) => `<a href="#${n.toLowerCase()}" id="nav-${n.toLowerCase()}">${n}</a>`)
    .join('');
  const cards = Array.from({ length: 9 }, (_, i) => `<article class="card"><h3>Metric ${i + 1}</h3><p>${'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(2)}</p></article>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Acme app (tour bench: ${lib.id})</title>
<style>
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,sans-serif;color:#1f2937;background:#f8fafc}
header{display:flex;align-items:center;gap:16px;height:56px;padding:0 20px;background:#111827;color:#fff}
header .logo{font-weight:700}header .sp{flex:1}header button{font:inherit;padding:6px 14px;border:0;border-radius:6px;background:#4f46e5;color:#fff}
.layout{display:flex}nav{width:200px;flex:none;padding:16px 8px;border-right:1px solid #e5e7eb;min-height:calc(100vh - 56px)}
nav a{display:block;padding:8px 12px;border-radius:6px;color:inherit;text-decoration:none}nav a:hover{background:#eef2ff}
main{flex:1;padding:24px;display:grid;grid-template-columns:repeat(auto-fill,minmax(240px,1fr));gap:16px}
.card{background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:16px}.card h3{margin:0 0 8px}
#usage-chart{grid-column:1/-1;height:220px;display:flex;align-items:flex-end;gap:12px}#usage-chart div{flex:1;background:#a5b4fc}
</style>
<script>
window.__tb = { shifts: [] };
try {
  new PerformanceObserver(function (list) {
    list.getEntries().forEach(function (e) { __tb.shifts.push({ t: e.startTime, v: e.value, input: e.hadRecentInput, src: (e.sources || []).map(function (s) { var n = s.node; return (n ? (n.nodeName + (n.id ? '#' + n.id : '') + (n.className && n.className.baseVal == null ? '.' + n.className : '')) : '?') + ' ' + JSON.stringify([s.previousRect.x, s.previousRect.y, s.previousRect.width, s.previousRect.height]) + '->' + JSON.stringify([s.currentRect.x, s.currentRect.y, s.currentRect.width, s.currentRect.height]); }) }); });
  }).observe({ type: 'layout-shift', buffered: true });
} catch (e) { __tb.noShifts = String(e); }
</script>
${lib.head}
</head><body>
<header><span class="logo">Acme</span><span class="sp"></span><input placeholder="Search" aria-label="Search"><button id="create-project">New project</button></header>
<div class="layout"><nav aria-label="Main">${nav}</nav>
<main><section class="card" id="usage-chart" aria-label="Usage this week">${[40, 65, 50, 80, 72, 30, 55].map((h) => `<div style="height:${h}%"></div>`).join('')}</section>${cards}</main></div>
<script>
${lib.setup(origin)}
${HARNESS}
__tb.start = function () { ${lib.start} };
__tb.tips = function () { return Array.from(${lib.tips}); };
__tb.nextButton = function () { return ${lib.next}; };
__tb.loadedAt = ${JSON.stringify(lib.loadedAt ?? null)};
</script>
</body></html>`;
}

/**
 * The in-page timing. `__tb.measure(action, title)` runs the action (the trigger), or waits
 * for the user's click (on Next, sent by the bench as real input) and times from the click
 * event's time stamp, and resolves when the tip showing `title` has been painted: a MutationObserver (on the document and Sabu's open shadow root) and a
 * requestAnimationFrame loop look for the tip; once it is in the DOM with a box, not
 * `visibility: hidden`, and shows the step's title, the frame that draws it is the next
 * one (seen from a mutation) or the current one (seen from the frame loop), and the time is
 * read at the frame after it: double-rAF, after the paint.
 */
const HARNESS = `
/** Whether a tip showing \`title\` is on screen ('' : any tip). */
__tb.shown = function (title) {
  return __tb.tips().some(function (el) {
    if (!el.isConnected || el.textContent.indexOf(title) < 0) return false;
    var r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility != 'hidden';
  });
};
__tb.measure = function (action, title) {
  return new Promise(function (resolve) {
    var done = false, roots = new WeakSet(), t0;
    var mo = new MutationObserver(function () { watchShadows(); check(false); });
    function watchShadows() {
      document.querySelectorAll('sabu-ui').forEach(function (h) {
        if (h.shadowRoot && !roots.has(h.shadowRoot)) { roots.add(h.shadowRoot); mo.observe(h.shadowRoot, OPTS); }
      });
    }
    function check(inFrame) {
      if (done || t0 == null) return;
      if (!__tb.shown(title)) { if (inFrame) requestAnimationFrame(function () { check(true); }); return; }
      done = true;
      mo.disconnect();
      var seen = performance.now();
      var after = function () { resolve({ t0: t0, visibleMs: seen - t0, paintedMs: performance.now() - t0 }); };
      if (inFrame) requestAnimationFrame(after);
      else requestAnimationFrame(function () { requestAnimationFrame(after); });
    }
    var OPTS = { subtree: true, childList: true, attributes: true, characterData: true };
    mo.observe(document.documentElement, OPTS);
    watchShadows();
    function go() {
      check(false);
      requestAnimationFrame(function () { check(true); });
    }
    if (action) {
      t0 = performance.now();
      try { action(); } catch (e) { done = true; mo.disconnect(); resolve({ error: String(e) }); return; }
      go();
    } else {
      // The user's click (real input, sent by the bench): timed from the event's own time stamp.
      addEventListener('click', function (e) { t0 = e.timeStamp; queueMicrotask(go); }, { capture: true, once: true });
    }
  });
};
`;
