import type { Table } from './toTable.js';
import type { ExperimentReport } from './experimentReport.js';

const days = (ms: number | null | undefined) => (ms == null ? null : Math.round((ms / 86_400_000) * 100) / 100);
const pct = (x: number | null | undefined) => (x == null ? null : Math.round(x * 1000) / 10);

/**
 * One row per arm: its numbers, and for arms other than control the difference against
 * control with its interval (percentage points), the log-rank test and the verdicts.
 */
export function experimentTable(r: ExperimentReport): Table {
  return {
    columns: [
      'experiment', 'variant', 'users', 'ttv_users', 'reached', 'median_days', 'within_7d_%', 'within_14d_%',
      'value_7d_n', 'value_7d_%', 'value_7d_diff_pts', 'value_7d_ci_low', 'value_7d_ci_high',
      'value_14d_n', 'value_14d_%', 'value_14d_diff_pts', 'value_14d_ci_low', 'value_14d_ci_high',
      'checklist_%', 'checklist_diff_pts', 'checklist_ci_low', 'checklist_ci_high',
      'logrank_chi2', 'logrank_p', 'ttv_verdict', 'value_14d_verdict', 'checklist_verdict',
    ],
    rows: r.experiments.flatMap((e) =>
      e.arms.map((a) => {
        const c = e.comparisons.find((x) => x.variant == a.variant);
        return [
          e.experiment, a.variant == e.control ? `${a.variant} (control)` : a.variant, a.users, a.ttv.users, a.ttv.reached, days(a.ttv.medianMs),
          pct(a.ttv.within['7d']), pct(a.ttv.within['14d']),
          a.valueWithin['7d'].n, pct(a.valueWithin['7d'].share), pct(c?.valueWithin['7d'].difference), pct(c?.valueWithin['7d'].low), pct(c?.valueWithin['7d'].high),
          a.valueWithin['14d'].n, pct(a.valueWithin['14d'].share), pct(c?.valueWithin['14d'].difference), pct(c?.valueWithin['14d'].low), pct(c?.valueWithin['14d'].high),
          pct(a.checklist.share), pct(c?.checklist.difference), pct(c?.checklist.low), pct(c?.checklist.high),
          c?.ttv.logRank?.chiSquare ?? null, c?.ttv.logRank?.pValue ?? null, c?.ttv.verdict ?? null, c?.valueWithin['14d'].verdict ?? null, c?.checklist.verdict ?? null,
        ];
      }),
    ),
  };
}
