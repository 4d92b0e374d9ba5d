import { el, kpi, kpis, note, section } from '../lib/dom.js';
import { lineChart } from '../lib/charts.js';
import { table } from '../lib/table.js';
import { duration, num, pct } from '../lib/format.js';
import { axisUnit } from './ttv.js';

/** Percentage points with a sign: 0.123 -> "+12.3 pts". */
const points = (x) => (x == null ? null : `${x >= 0 ? '+' : '−'}${Math.abs(Math.round(x * 1000) / 10)} pts`);
/** A 95 % interval of a difference in points. */
const interval = (d) => (d?.low == null ? null : `${points(d.low)} to ${points(d.high)}`);
/** A share with its 95 % interval: "62.5 % (41.2–79.9 %), n=24". */
const share = (s) => (s?.share == null ? null : `${pct(s.share)} (${Math.round(s.interval.low * 1000) / 10}–${pct(s.interval.high)}), n=${num(s.n)}`);
/** p-values as the report's statements write them: 0.025, 2.7e-7. */
const pValue = (p) => (p < 0.001 ? p.toExponential(1) : p.toFixed(3));
const VERDICTS = { better: 'better', worse: 'worse', no_difference_detected: 'no difference detected', too_small: 'too few people to conclude' };

/**
 * The step series of Kaplan–Meier curves over one x array (uPlot wants one): each arm held
 * at its last value between its steps and ended at its last step.
 */
function stepSeries(arms) {
  const xs = [...new Set(arms.flatMap((a) => a.ttv.curve.map((p) => p.t)))].sort((a, b) => a - b);
  const series = arms.map((a) => {
    let j = 0;
    let s = 1;
    const end = a.ttv.curve[a.ttv.curve.length - 1]?.t ?? -1;
    const values = xs.map((t) => {
      while (j < a.ttv.curve.length && a.ttv.curve[j].t <= t) s = a.ttv.curve[j++].survival;
      return t <= end ? s : null;
    });
    return { label: a.variant, values, step: true };
  });
  return { xs, series };
}

/** Experiments: each arm's TTV, value and checklist shares, against control with their uncertainty. */
export async function renderExperiments({ report, exportButton }) {
  const r = await report('experiments');
  if (!r.experiments.length) {
    return [section('Experiments', note('No Experiment Exposed events yet. Declare variants on a checklist, tour, survey or playbook (docs/playbooks.md); the SDK sends one exposure per user.'))];
  }
  return r.experiments.flatMap((e, n) => {
    const { xs, series } = stepSeries(e.arms);
    const unit = axisUnit(xs[xs.length - 1] ?? 0);
    const comparisons = e.comparisons.flatMap((c) => [
      [c.variant, 'time to value (curves)', c.ttv.medianDifferenceMs == null ? null : `median ${c.ttv.medianDifferenceMs < 0 ? '−' : '+'}${duration(Math.abs(c.ttv.medianDifferenceMs))}`, null, c.ttv.logRank ? `χ² ${num(c.ttv.logRank.chiSquare)}, p ${pValue(c.ttv.logRank.pValue)}` : null, VERDICTS[c.ttv.verdict]],
      [c.variant, 'value within 7 days', points(c.valueWithin['7d'].difference), interval(c.valueWithin['7d']), null, VERDICTS[c.valueWithin['7d'].verdict]],
      [c.variant, 'value within 14 days', points(c.valueWithin['14d'].difference), interval(c.valueWithin['14d']), null, VERDICTS[c.valueWithin['14d'].verdict]],
      [c.variant, 'checklist completed', points(c.checklist.difference), interval(c.checklist), null, VERDICTS[c.checklist.verdict]],
    ]);
    const statements = e.comparisons.flatMap((c) => [c.ttv.statement, c.valueWithin['7d'].statement, c.valueWithin['14d'].statement, c.checklist.statement]);
    return [
      kpis(kpi(`${e.experiment}: people`, num(e.users)), kpi('Arms', num(e.arms.length)), kpi('Control', e.control), kpi('Switched arm', num(e.arms.reduce((a, x) => a + x.switched, 0)))),
      lineChart(`${e.experiment}: share of each arm still without value (Kaplan–Meier)`, {
        x: xs.map((t) => t / unit.ms),
        series,
        xLabel: `${unit.name} since signup`,
        yLabel: 'not yet reached value',
        xFormat: (v) => `${Math.round(v * 10) / 10} ${unit.short}`,
        yFormat: (v) => `${Math.round(v * 100)} %`,
        yRange: [0, 1],
        empty: 'No signed-in people in this experiment yet.',
        caption: `People without value yet are censored at ${r.asOf.slice(0, 10)}. An arm is the variant of a person's first exposure.`,
      }),
      table(
        `${e.experiment}: arms`,
        ['arm', { label: 'people', num: true }, { label: 'signed in', num: true }, { label: 'reached value', num: true }, { label: 'median TTV', num: true }, { label: 'value within 7 d', num: true }, { label: 'value within 14 d', num: true }, { label: 'checklist completed', num: true }],
        e.arms.map((a) => [a.variant == e.control ? `${a.variant} (control)` : a.variant, num(a.users), num(a.ttv.users), num(a.ttv.reached), duration(a.ttv.medianMs), share(a.valueWithin['7d']), share(a.valueWithin['14d']), share(a.checklist)]),
        { actions: n == 0 ? [exportButton('experiments')] : [] },
      ),
      table(
        `${e.experiment}: against ${e.control}`,
        ['arm', 'measure', { label: 'difference', num: true }, { label: '95 % interval', num: true }, { label: 'log-rank', num: true }, 'verdict'],
        comparisons,
        { empty: 'Only one arm so far: nothing to compare.' },
      ),
      statements.length
        ? section(`${e.experiment}: what the data says`, el('ul', { class: 'statements' }, statements.map((s) => el('li', {}, s))), note('Shares: 95 % Wilson intervals; differences: 95 % Newcombe intervals; curves: log-rank test. Not corrected for several arms or repeated looks.'))
        : null,
    ];
  });
}
