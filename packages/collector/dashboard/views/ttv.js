import { kpi, kpis } from '../lib/dom.js';
import { lineChart } from '../lib/charts.js';
import { table } from '../lib/table.js';
import { duration, num, pct } from '../lib/format.js';
import { cohortNote } from './cohortNote.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The x axis unit: days, unless every cohort reached value within hours or minutes. */
export function axisUnit(maxMs) {
  if (maxMs >= 2 * DAY) return { ms: DAY, name: 'days', short: 'd' };
  if (maxMs >= 2 * HOUR) return { ms: HOUR, name: 'hours', short: 'h' };
  return { ms: MINUTE, name: 'minutes', short: 'min' };
}

/** Time to Value: who reached value, how fast, per cohort (Kaplan–Meier, censored users kept). */
export async function renderTtv({ report, exportButton }) {
  const r = await report('ttv');
  // uPlot wants one x array: the union of every cohort's step times, each series held at
  // its last value (a Kaplan–Meier curve is a step function) and ended at its last step.
  const xs = [...new Set(r.cohorts.flatMap((c) => c.curve.map((p) => p.t)))].sort((a, b) => a - b);
  const series = r.cohorts.map((c) => {
    let j = 0;
    let s = 1;
    const end = c.curve[c.curve.length - 1]?.t ?? -1;
    const values = xs.map((t) => {
      while (j < c.curve.length && c.curve[j].t <= t) s = c.curve[j++].survival;
      return t <= end ? s : null;
    });
    return { label: c.cohort, values, step: true };
  });
  const unit = axisUnit(xs[xs.length - 1] ?? 0);
  const total = r.cohorts.reduce((a, c) => a + c.users, 0);
  const reached = r.cohorts.reduce((a, c) => a + c.reached, 0);
  return [
    kpis(kpi('People', num(total)), kpi('Reached value', num(reached)), kpi('Not yet (censored)', num(total - reached)), kpi('Cohorts', num(r.cohorts.length))),
    cohortNote(r.by, r.cohorts),
    lineChart('Share of each cohort still without value (Kaplan–Meier)', {
      x: xs.map((t) => t / unit.ms),
      series,
      xLabel: `${unit.name} since signup`,
      yLabel: 'not yet reached value',
      xFormat: (v) => `${Math.round(v * 10) / 10} ${unit.short}`,
      yFormat: (v) => `${Math.round(v * 100)} %`,
      yRange: [0, 1],
      empty: 'No signups in this period yet.',
      caption: `Users who have not reached value yet are censored at ${r.asOf.slice(0, 10)}, not dropped. Cohort by ${r.by}.`,
    }),
    table(
      'TTV per cohort',
      ['cohort', { label: 'users', num: true }, { label: 'reached', num: true }, { label: 'censored', num: true }, { label: 'within 1 d', num: true }, { label: 'within 7 d', num: true }, { label: 'within 14 d', num: true }, { label: 'within 30 d', num: true }, { label: 'median', num: true }, { label: 'p75', num: true }],
      r.cohorts.map((c) => [c.cohort, num(c.users), num(c.reached), num(c.censored), pct(c.within['1d']), pct(c.within['7d']), pct(c.within['14d']), pct(c.within['30d']), duration(c.medianMs), duration(c.p75Ms)]),
      { actions: [exportButton('ttv')], empty: 'No signups in this period yet.' },
    ),
  ];
}
