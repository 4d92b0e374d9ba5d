import { fmt } from './report.mjs';
import { summarize } from './stats.mjs';

const KB = 1024;
/** Issue 14: the tour UI (sabu-guides.js, positioning included) on top of the shared widgets. */
const TOUR_UI_GOAL_KB = 7;

/** The rows of figure 7: per-round fields of measureTour, and the sizes. */
const ROWS = [
  { key: 'coldMs', label: 'trigger → first step painted, first start: chunks not loaded yet (ms)', ratio: true },
  { key: 'warmMs', label: 'trigger → first step painted, started again in the same page (ms)', ratio: true },
  { key: 'nextMs', label: 'click on Next → next step painted (ms, mean of 2)', ratio: true },
  { key: 'cls', label: 'layout shift caused, CLS rules (no recent input), whole tour with a scroll down and up on step 1', ratio: false },
  { key: 'shiftAfterInput', label: 'layout shift within 500 ms of a click on Next (not counted by CLS)', ratio: false },
  { size: 'brotli', label: 'loaded for the tour, brotli (KB): Sabu beyond sabu.min.js (runtime + shared widgets + tour UI); peers JS + CSS', ratio: true },
  { size: 'brotli', ui: true, label: 'tour UI with positioning, brotli (KB): Sabu sabu-guides.js (on top of the shared widgets); peers JS + CSS', ratio: true },
  { size: 'raw', label: 'loaded for the tour, raw (KB)', ratio: true },
];

const rounds = (report, id) => report.tour?.[id] ?? [];

function summary(row, report, id) {
  if (row.size) {
    const sizes = report.size.tour?.[id];
    const v = (row.ui && sizes?.parts?.find((p) => p.label.startsWith('sabu-guides.js'))) ? sizes.parts.find((p) => p.label.startsWith('sabu-guides.js'))[row.size] : sizes?.total?.[row.size];
    return v == null ? null : { median: v / KB, min: v / KB, max: v / KB, n: 1, missing: 0, failed: 0 };
  }
  const list = rounds(report, id);
  const s = summarize(list.map((r) => r?.[row.key]));
  s.failed = list.filter((r) => r?.failed).length;
  return s;
}

function cell(row, report, id) {
  const s = summary(row, report, id);
  if (!s) return '–';
  if (s.median == null) return s.failed ? 'failed' : 'n/a';
  let out = fmt(s.median);
  if (s.n > 1 && s.min != s.max) out += ` (${fmt(s.min)}–${fmt(s.max)})`;
  if (s.missing) out += ` [${s.missing} missing]`;
  const sabu = summary(row, report, 'sabu');
  if (row.ratio && id != 'sabu' && sabu?.median) out += ` ×${fmt(s.median / sabu.median)}`;
  return out;
}

/** Figure 7 as Markdown: the three libraries side by side, ratios to Sabu; then what Sabu's share is made of. */
export function tourTable(report) {
  const libs = report.tourLibs ?? [];
  if (!libs.length) return '';
  const lines = [
    `| figure 7 (tours) | ${libs.map((l) => l.name + (l.version ? ' ' + l.version : '')).join(' | ')} |`,
    `|---|${libs.map(() => '---').join('|')}|`,
    ...ROWS.map((row) => `| ${row.label} | ${libs.map((l) => cell(row, report, l.id)).join(' | ')} |`),
  ];
  const parts = libs.flatMap((l) => (report.size.tour?.[l.id]?.parts ?? []).map((p) => `${l.name}: ${p.label} ${fmt(p.brotli / KB)} KB`));
  if (parts.length) lines.push('', `Loaded for the tour (brotli): ${parts.join('; ')}.`);
  const fetched = [...new Set(rounds(report, 'sabu').flatMap((r) => r?.fetched ?? []))].map((p) => p.split('/').pop());
  if (fetched.length) lines.push(`Fetched by Sabu at the first trigger: ${fetched.join(', ')}.`);
  return lines.join('\n');
}

/** Where a tour library beats Sabu by more than 5 %, said plainly. */
export function tourNotAhead(report) {
  const out = [];
  const peers = (report.tourLibs ?? []).filter((l) => l.peer);
  for (const row of ROWS) {
    const sv = summary(row, report, 'sabu')?.median;
    if (sv == null) continue;
    const better = peers.filter((p) => {
      const pv = summary(row, report, p.id)?.median;
      return pv != null && pv < sv * 0.95 && sv - pv > 1e-9;
    });
    if (better.length) out.push(`tours, ${row.label}: Sabu ${fmt(sv)}; better: ${better.map((p) => `${p.name} ${fmt(summary(row, report, p.id).median)}`).join(', ')}.`);
  }
  return out;
}

/** Issue 14's goals for the tour figure. */
export function tourGoals(report) {
  const out = [];
  const guides = report.size.tour?.sabu?.parts?.find((p) => p.label.startsWith('sabu-guides.js'));
  if (guides?.brotli != null) {
    const kb = guides.brotli / KB;
    out.push({ goal: `tour chunk ≤ ${TOUR_UI_GOAL_KB} KB brotli on top of shared widgets (sabu-guides.js)`, measured: `${fmt(kb)} KB`, met: kb <= TOUR_UI_GOAL_KB });
  }
  const cls = summarize(rounds(report, 'sabu').map((r) => r?.cls));
  if (rounds(report, 'sabu').length) {
    const after = summarize(rounds(report, 'sabu').map((r) => r?.shiftAfterInput));
    out.push({
      goal: 'tours, layout shift: none',
      measured: cls.n ? `CLS ${fmt(cls.max)} in the worst of ${cls.n} round(s); ${fmt(after.max ?? 0)} right after clicks on Next (excluded by CLS)` : 'no figure',
      met: cls.n > 0 && cls.max === 0,
    });
  }
  return out;
}

export const TOUR_NOTE =
  'Tours (figure 7): the same host page (header, sidebar, scrolling content) and the same 3 anchored steps (title, text, Back/Next) for each library, loaded as its users load it (Sabu: sabu.min.js with `tours` in init(), then `sabu.tour(id)`; driver.js: its IIFE + CSS, `driver({ steps }).drive()`; Shepherd: the bench\'s bundle + CSS, `new Tour`, `addStep` ×3, `start()`), defaults otherwise (animations on). ' +
  'Timed in the page from the trigger call (or the click event\'s time stamp for Next, a real click sent by the bench) to the frame after the one that first draws the step\'s tip: a MutationObserver (document and open shadow roots) and a requestAnimationFrame loop find the tip in the DOM with a box, not hidden, showing the step\'s title; then double-rAF. Layout shift: `layout-shift` entries after the trigger until the tour ended (Done) and 400 ms passed, with a 200 px wheel scroll down and back up while the first step is shown. Sizes: Sabu\'s files beyond sabu.min.js (the runtime loaded at init when tours are configured, the shared widgets and the tour UI loaded at the first step); the peers\' JS + CSS.';
