import type { ReportName } from './runReport.js';
import { experimentTable } from './experimentTable.js';

export interface Table {
  columns: string[];
  rows: (string | number | null)[][];
}

const days = (ms: number | null | undefined) => (ms == null ? null : Math.round((ms / 86_400_000) * 100) / 100);
const pct = (x: number) => Math.round(x * 1000) / 10;

/**
 * The main table of each report, flattened for `--format table|csv` and the dashboard's
 * CSV export. JSON output keeps the full structure.
 */
export function toTable(name: ReportName, r: any): Table {
  switch (name) {
    case 'ttv':
      return {
        columns: ['cohort', 'users', 'reached', 'censored', 'within_1d_%', 'within_7d_%', 'within_14d_%', 'within_30d_%', 'median_days', 'p75_days'],
        rows: r.cohorts.map((c: any) => [
          c.cohort, c.users, c.reached, c.censored,
          pct(c.within['1d']), pct(c.within['7d']), pct(c.within['14d']), pct(c.within['30d']),
          days(c.medianMs), days(c.p75Ms),
        ]),
      };
    case 'checklists':
      return {
        columns: ['checklist', 'item', 'shown', 'completed', 'completion_%', 'drop_off_%', 'median_minutes'],
        rows: r.checklists.flatMap((c: any) => [
          [c.checklist, '(all)', c.shown, c.completed, pct(c.completionRate), null, c.medianMsToComplete == null ? null : Math.round(c.medianMsToComplete / 600) / 100],
          ...c.items.map((i: any) => [c.checklist, i.item, c.shown, i.completedUsers, pct(i.completionRate), pct(i.dropOff), i.medianMsToComplete == null ? null : Math.round(i.medianMsToComplete / 600) / 100]),
        ]),
      };
    case 'voice':
      return {
        columns: ['cohort', 'kind', 'responses', 'score', 'mean', 'counts'],
        rows: r.byCohort.flatMap((c: any) =>
          c.summaries.map((s: any) => [c.cohort, s.kind, s.responses, s.score, s.mean, Object.entries(s.counts).map(([k, v]) => `${k}=${v}`).join(' ')]),
        ),
      };
    case 'friction':
      return {
        columns: ['kind', 'page', 'selector_or_step', 'count', 'users'],
        rows: [
          ...r.clicks.map((c: any) => [c.kind, c.page, c.selector, c.count, c.users]),
          ...r.flows.map((f: any) => ['abandoned', f.flow, `${f.lastStep} (${f.reason})`, f.count, f.users]),
          ...r.forms.map((f: any) => ['form abandoned', f.page, `${f.form} at ${f.lastField}`, f.count, f.users]),
          ...r.vitals.map((v: any) => [`vital ${v.name} p75=${v.p75} ${v.rating ?? ''}`.trim(), v.page, '', v.samples, null]),
        ],
      };
    case 'adoption':
      return {
        columns: ['feature', 'users', 'user_share_%', 'accounts', 'account_share_%'],
        rows: r.features.map((f: any) => [f.feature, f.users, pct(f.userShare), f.accounts, pct(f.accountShare)]),
      };
    case 'health':
      return {
        columns: ['account', 'score', 'at_risk', 'users', 'activity', 'breadth', 'onboarding', 'sentiment', 'friction'],
        rows: r.accounts.map((a: any) => [
          a.accountId, a.score, a.atRisk ? 'yes' : 'no', a.users,
          a.components.activity, a.components.breadth, a.components.onboarding, a.components.sentiment, a.components.friction,
        ]),
      };
    case 'tours':
      // The funnel as a spreadsheet reads it: started, each step, completed, per tour.
      return {
        columns: ['tour', 'step_index', 'step', 'people', 'of_started_%', 'dropped_here', 'drop_off_%', 'dismissed_here', 'failed'],
        rows: r.tours.flatMap((t: any) => [
          [t.tour, null, '(started)', t.started, t.started ? 100 : 0, t.stoppedBeforeFirstStep, pct(t.started ? t.stoppedBeforeFirstStep / t.started : 0), null, t.failed],
          ...t.steps.map((s: any) => [t.tour, s.index, s.step, s.viewed, pct(s.reachedRate), s.dropped, pct(s.dropOff), s.dismissed, null]),
          [t.tour, null, '(completed)', t.completed, pct(t.completionRate), null, null, null, null],
        ]),
      };
    case 'guides':
      return {
        columns: ['guide', 'kind', 'cohort', 'viewed', 'clicked', 'click_through_%', 'dismissed', 'dismiss_%'],
        rows: r.guides.flatMap((g: any) => [
          [g.guide, g.kind, '(all)', g.viewed, g.clicked, pct(g.clickThroughRate), g.dismissed, pct(g.dismissRate)],
          ...g.byCohort.map((c: any) => [g.guide, g.kind, c.cohort, c.viewed, c.clicked, pct(c.clickThroughRate), c.dismissed, pct(c.dismissRate)]),
        ]),
      };
    case 'experiments':
      return experimentTable(r);
  }
}

/** RFC 4180 CSV; cells that look like formulas are prefixed with ' so spreadsheets do not run them. */
export function toCsv(t: Table): string {
  const cell = (v: unknown) => {
    let s = v == null ? '' : String(v);
    if (/^[=+\-@\t\r]/.test(s) && typeof v == 'string') s = `'${s}`;
    return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return [t.columns, ...t.rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

/** A fixed-width text table for terminals. */
export function toText(t: Table): string {
  const cells = [t.columns, ...t.rows].map((r) => r.map((v) => (v == null ? '–' : String(v))));
  const widths = t.columns.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((v, i) => (typeof t.rows[0]?.[i] == 'number' ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n') + '\n';
}
