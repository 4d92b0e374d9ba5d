// Charts. Bars are HTML (labels wrap instead of being clipped, every row of the table is
// drawn, values read as text); lines over time are uPlot on a canvas, sized to their box.
import { el, note } from './dom.js';

export const COLORS = ['#2f6fdf', '#e8590c', '#2b8a3e', '#ae3ec9', '#c92a2a', '#1098ad', '#f08c00', '#5c7cfa', '#495057', '#d6336c'];
const HEIGHT = 280;

/**
 * Horizontal bars, one per item: `{ label, value, text }` where `text` is the value as
 * shown (e.g. "42.6 %"). Bars are scaled to `max` (default: the largest value). With no
 * item or only zeros, the empty text instead of a row of zeros.
 */
export function barChart(title, items, { max, empty = 'No data yet.', caption } = {}) {
  const top = max ?? Math.max(0, ...items.map((i) => i.value ?? 0));
  if (!items.some((i) => i.value > 0) || !(top > 0)) return el('section', {}, el('h2', {}, title), note(empty));
  const list = el(
    'ul',
    { class: 'bars' },
    items.map((i) => {
      const bar = el('span', { class: 'bar' });
      bar.style.width = `${Math.max(0, Math.min(100, ((i.value ?? 0) / top) * 100))}%`;
      return el('li', {}, el('span', { class: 'bar-label' }, i.label), el('span', { class: 'bar-track', 'aria-hidden': 'true' }, bar), el('span', { class: 'bar-value' }, i.text ?? String(i.value)));
    }),
  );
  return el('section', {}, el('h2', {}, title), caption ? note(caption) : null, list);
}

/**
 * A line chart over x (numbers), each series `{ label, values, step }`, with the y axis
 * written by `yFormat` (percentages as %, never 0–1). Shows `empty` when no series has a
 * value. `xRange` for categories such as weeks: half a step of room each side, so the
 * first and last labels are not cut. The canvas follows its box's width (no overflow on a phone).
 */
export function lineChart(title, { x, series, xLabel, yLabel, xFormat, yFormat = String, xRange, yRange, empty = 'No data yet.', caption }) {
  const hasData = x.length > 0 && series.some((s) => s.values.some((v) => v != null));
  if (!hasData) return el('section', {}, el('h2', {}, title), caption ? note(caption) : null, note(empty));
  const box = el('div', { class: 'chart', role: 'img', 'aria-label': `${title}: chart; the table below has the figures` });
  const opts = {
    height: HEIGHT,
    // Room on the right for the last x label, which uPlot centres on its tick.
    padding: [12, 28, 0, 0],
    // Values on hover only confuse ("Value: --"): the legend names the series.
    legend: { live: false },
    cursor: { show: false },
    scales: { x: xRange ? { time: false, range: xRange } : { time: false }, y: yRange ? { range: yRange } : {} },
    axes: [
      { label: xLabel, values: (_, ticks) => uniqueLabels(ticks, xFormat ?? String), space: 60 },
      { label: yLabel, values: (_, ticks) => uniqueLabels(ticks, yFormat), size: 56 },
    ],
    series: [{}, ...series.map((s, i) => ({ label: s.label, stroke: COLORS[i % COLORS.length], width: 2, paths: s.step ? uPlot.paths.stepped({ align: 1 }) : undefined, points: { show: x.length < 30 } }))],
  };
  const data = [x, ...series.map((s) => s.values)];
  // Drawn once the box is on the page and has a width, then kept to that width (a rotated
  // phone, a narrower window); removed with the box.
  let plot;
  let drawnWidth = 0;
  const ro = new ResizeObserver(() => {
    if (!box.isConnected) return void (plot && (ro.disconnect(), plot.destroy()));
    const width = box.clientWidth;
    if (!width || width == drawnWidth) return;
    drawnWidth = width;
    if (plot) plot.setSize({ width, height: HEIGHT });
    else plot = new uPlot({ ...opts, width }, data, box);
  });
  ro.observe(box);
  return el('section', {}, el('h2', {}, title), caption ? note(caption) : null, box);
}

/**
 * Tick labels, each written once: on small ranges uPlot puts ticks closer than the
 * format's precision (0.1, 0.15, 0.2 all "0 days" or the same week twice); repeats are
 * left blank.
 */
export function uniqueLabels(ticks, format) {
  let last;
  return ticks.map((t) => {
    const s = format(t);
    if (s === last) return '';
    last = s;
    return s;
  });
}
