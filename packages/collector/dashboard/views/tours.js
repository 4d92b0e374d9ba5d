import { kpi, kpis, section, note } from '../lib/dom.js';
import { barChart } from '../lib/charts.js';
import { table } from '../lib/table.js';
import { num, pct, words } from '../lib/format.js';
import { cohortNote } from './cohortNote.js';

const KINDS = { hotspot: 'Hotspot', banner: 'Banner', announcement: 'Announcement' };

/** "2. invite-team" (steps are 0-based in events, counted from 1 for people). */
const stepLabel = (s) => `${s.index + 1}. ${s.step ?? '(unnamed step)'}`;

/** One tour: headline numbers, the funnel, where people stopped, and why steps failed. */
function tourSections(t, first, exportButton) {
  return [
    kpis(
      kpi(`${t.tour}: started by`, num(t.started)),
      kpi('Completed', `${num(t.completed)} (${pct(t.completionRate)})`),
      kpi('Dismissed', num(t.dismissed)),
      kpi('Hit a failed step', num(t.failed)),
    ),
    barChart(
      `${t.tour}: funnel`,
      [
        { label: 'Started', value: t.started ? 1 : 0, text: `${num(t.started)} (100 %)` },
        ...t.steps.map((s) => ({ label: stepLabel(s), value: s.reachedRate, text: `${num(s.viewed)} (${pct(s.reachedRate)})` })),
        { label: 'Completed', value: t.completionRate, text: `${num(t.completed)} (${pct(t.completionRate)})` },
      ],
      { max: 1, empty: 'Nobody started this tour in this period.', caption: 'People who reached each step, as a share of those who started the tour.' },
    ),
    table(
      `${t.tour}: drop-off per step`,
      ['step', { label: 'viewed by', num: true }, { label: 'of started', num: true }, { label: 'stopped here', num: true }, { label: 'drop-off', num: true }, { label: 'dismissed here', num: true }],
      [
        ['Before the first step', null, null, num(t.stoppedBeforeFirstStep), pct(t.started ? t.stoppedBeforeFirstStep / t.started : 0), null],
        ...t.steps.map((s) => [stepLabel(s), num(s.viewed), pct(s.reachedRate), num(s.dropped), pct(s.dropOff), num(s.dismissed)]),
      ],
      { actions: first ? [exportButton('tours')] : [] },
    ),
    table(
      `${t.tour}: failed steps by reason`,
      ['reason', 'step', { label: 'people', num: true }, { label: 'times', num: true }],
      t.failures.map((f) => [words(f.reason), f.index == null ? f.step : stepLabel(f), num(f.users), num(f.count)]),
      { empty: 'No step failed: every anchor was found and visible.' },
    ),
  ];
}

/** Product tours (funnel, drop-off, failures) and hotspots, banners, announcements (click-through). */
export async function renderTours({ report, exportButton }) {
  const [tours, guides] = await Promise.all([report('tours'), report('guides')]);
  const out = [];
  if (!tours.tours.length) out.push(section('Tours', note('No tour events yet (Tour Started, Tour Step Viewed, Tour Completed, …).')));
  else {
    out.push(cohortNote(tours.by, tours.tours.flatMap((t) => t.byCohort)));
    tours.tours.forEach((t, i) => out.push(...tourSections(t, i == 0, exportButton)));
    out.push(
      table(
        `Tours per cohort (${tours.by})`,
        ['tour', 'cohort', { label: 'started', num: true }, { label: 'completed', num: true }, { label: 'completion', num: true }, { label: 'dismissed', num: true }, { label: 'failed', num: true }],
        tours.tours.flatMap((t) => t.byCohort.map((c) => [t.tour, c.cohort, num(c.started), num(c.completed), pct(c.completionRate), num(c.dismissed), num(c.failed)])),
      ),
    );
  }
  if (!guides.guides.length) {
    out.push(section('Hotspots, banners and announcements', note('No guide events yet (Guide Viewed, Guide Clicked, Guide Dismissed).')));
    return out;
  }
  const name = (g) => `${g.guide} (${(KINDS[g.kind] ?? g.kind).toLowerCase()})`;
  out.push(
    barChart(
      'Guide click-through',
      guides.guides.map((g) => ({ label: name(g), value: g.clickThroughRate, text: pct(g.clickThroughRate) })),
      { max: 1, empty: 'Nobody clicked a guide yet.', caption: 'Share of the people who saw each guide who clicked its call to action (or opened the hotspot).' },
    ),
    table(
      'Hotspots, banners and announcements',
      ['guide', 'kind', { label: 'seen by', num: true }, { label: 'clicked', num: true }, { label: 'click-through', num: true }, { label: 'dismissed', num: true }, { label: 'dismiss rate', num: true }],
      guides.guides.map((g) => [g.guide, KINDS[g.kind] ?? g.kind, num(g.viewed), num(g.clicked), pct(g.clickThroughRate), num(g.dismissed), pct(g.dismissRate)]),
      { actions: [exportButton('guides')] },
    ),
    table(
      `Guides per cohort (${guides.by})`,
      ['guide', 'cohort', { label: 'seen by', num: true }, { label: 'clicked', num: true }, { label: 'click-through', num: true }, { label: 'dismissed', num: true }],
      guides.guides.flatMap((g) => g.byCohort.map((c) => [name(g), c.cohort, num(c.viewed), num(c.clicked), pct(c.clickThroughRate), num(c.dismissed)])),
    ),
  );
  return out;
}
