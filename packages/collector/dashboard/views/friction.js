import { barChart } from '../lib/charts.js';
import { table } from '../lib/table.js';
import { num } from '../lib/format.js';

/** Web vitals without a unit (CLS is a score); the others are milliseconds. */
const UNITLESS = new Set(['CLS']);

/** Friction: rage, dead and error clicks, abandoned flows and forms, slow pages. */
export async function renderFriction({ report, exportButton }) {
  const r = await report('friction');
  return [
    barChart(
      'Frustration hotspots (rage, dead, error clicks)',
      r.clicks.map((c) => ({ label: `${c.kind} clicks · ${c.page} · ${c.selector}`, value: c.count, text: num(c.count) })),
      { empty: 'No rage, dead or error clicks in this period.' },
    ),
    table(
      'Clicks by page and element',
      ['kind', 'page', 'element', { label: 'clicks', num: true }, { label: 'people', num: true }],
      r.clicks.map((c) => [`${c.kind} click`, c.page, c.selector, num(c.count), num(c.users)]),
      { actions: [exportButton('friction')], empty: 'No rage, dead or error clicks in this period.' },
    ),
    table('Abandoned flows by step', ['flow', 'last step', 'reason', { label: 'count', num: true }, { label: 'people', num: true }], r.flows.map((f) => [f.flow, f.lastStep, f.reason.replaceAll('_', ' '), num(f.count), num(f.users)]), { empty: 'No abandoned flows in this period.' }),
    table('Abandoned forms by last field', ['page', 'form', 'last field', { label: 'count', num: true }, { label: 'people', num: true }], r.forms.map((f) => [f.page, f.form, f.lastField, num(f.count), num(f.users)]), { empty: 'No abandoned forms in this period.' }),
    table(
      'Slow pages (web vitals, 75th percentile)',
      ['page', 'metric', { label: 'p75', num: true }, 'rating', { label: 'samples', num: true }],
      r.vitals.map((v) => [v.page, v.name, UNITLESS.has(v.name) ? num(v.p75) : `${num(Math.round(v.p75))} ms`, v.rating?.replaceAll('-', ' ') ?? null, num(v.samples)]),
      { empty: 'No web vitals in this period.' },
    ),
  ];
}
