import { kpi, kpis } from '../lib/dom.js';
import { lineChart } from '../lib/charts.js';
import { table } from '../lib/table.js';
import { KIND_LABELS, counts, localTime, num } from '../lib/format.js';
import { cohortNote } from './cohortNote.js';

/** Voice of the customer: NPS, CSAT and CES scores, per cohort and week, and comments. */
export async function renderVoice({ report, exportButton }) {
  const r = await report('voice');
  const find = (summaries, kind) => summaries.find((s) => s.kind == kind);
  const weeks = r.byWeek.map((w) => w.week);
  return [
    kpis(
      ...['nps', 'csat', 'ces'].map((k) => {
        const s = find(r.overall, k);
        return kpi(`${KIND_LABELS[k]}${s ? `, ${num(s.responses)} ${s.responses == 1 ? 'response' : 'responses'}` : ''}`, s ? num(s.score) : '–');
      }),
    ),
    cohortNote(r.by, r.byCohort),
    lineChart('NPS by week', {
      x: weeks.map((_, i) => i),
      series: [{ label: 'NPS', values: r.byWeek.map((w) => find(w.summaries, 'nps')?.score ?? null) }],
      xFormat: (i) => (Number.isInteger(i) ? (weeks[i] ?? '') : ''),
      xRange: [-0.5, Math.max(0.5, weeks.length - 0.5)],
      yRange: [-100, 100],
      empty: 'No NPS answers in this period yet.',
      caption: 'NPS from −100 (all detractors) to +100 (all promoters); weeks start on Monday.',
    }),
    table(
      `Scores per cohort (${r.by})`,
      ['cohort', 'survey kind', { label: 'responses', num: true }, { label: 'score', num: true }, { label: 'mean', num: true }, 'answers'],
      r.byCohort.flatMap((c) => c.summaries.map((s) => [c.cohort, KIND_LABELS[s.kind] ?? s.kind, num(s.responses), num(s.score), num(s.mean), counts(s.counts)])),
      { actions: [exportButton('voice')], empty: 'No survey answers yet.' },
    ),
    table(
      'Comments',
      ['when', 'survey', 'person', 'comment'],
      r.comments.map((c) => [localTime(c.at), c.survey, c.personId, c.comment]),
      { empty: 'No comments yet.' },
    ),
  ];
}
