import { kpi, kpis, section, note } from '../lib/dom.js';
import { barChart } from '../lib/charts.js';
import { table } from '../lib/table.js';
import { duration, num, pct } from '../lib/format.js';

/** Onboarding checklists: how many finish, and where people stop. */
export async function renderChecklists({ report, exportButton }) {
  const r = await report('checklists');
  if (!r.checklists.length) return [section('Checklists', note('No checklist events yet (Checklist Shown, Checklist Item Completed, …).'))];
  return r.checklists.flatMap((c, n) => [
    kpis(kpi(`${c.checklist}: shown to`, num(c.shown)), kpi('Completed', `${num(c.completed)} (${pct(c.completionRate)})`), kpi('Dismissed', num(c.dismissed)), kpi('Median time to complete', duration(c.medianDurationMs))),
    barChart(
      `${c.checklist}: completion per item`,
      c.items.map((i) => ({ label: i.item, value: i.completionRate, text: pct(i.completionRate) })),
      { max: 1, empty: 'No item completed yet.', caption: 'Share of the people it was shown to who completed each item.' },
    ),
    table(
      `${c.checklist}: funnel`,
      ['item', { label: 'completed by', num: true }, { label: 'completion', num: true }, { label: 'drop-off', num: true }, { label: 'median time to complete', num: true }],
      c.items.map((i) => [i.item, num(i.completedUsers), pct(i.completionRate), pct(i.dropOff), duration(i.medianMsToComplete)]),
      { actions: n == 0 ? [exportButton('checklists')] : [] },
    ),
  ]);
}
