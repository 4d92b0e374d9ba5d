import type { Store } from '../store/Store.js';
import type { ExperimentExposure, ReportQuery } from '../store/queryTypes.js';
import type { Observation } from './kaplanMeier.js';
import { observe, round, summariseCohort } from './ttvReport.js';
import { logRankTest, type LogRankTest } from './experimentLogRank.js';
import { newcombeDifference, wilsonInterval, type Interval } from './experimentInterval.js';
import { compareArms, type ArmComparison } from './experimentVerdict.js';

const DAY = 86_400_000;
/** The "reached value within N days" shares an experiment is judged on. */
export const EXPERIMENT_WINDOWS_DAYS = [7, 14] as const;
type WindowKey = `${(typeof EXPERIMENT_WINDOWS_DAYS)[number]}d`;

/** x of n, the share and its 95 % Wilson interval. */
export interface Share {
  n: number;
  x: number;
  share: number | null;
  interval: Interval | null;
}

export interface ExperimentArm {
  variant: string;
  /** People whose first exposure put them in this arm. */
  users: number;
  /** Of them, people later exposed to another variant too (they stay in their first arm). */
  switched: number;
  /** TTV over the arm's identified people (signup → first value, as the TTV report). */
  ttv: { users: number; reached: number; censored: number; medianMs: number | null; within: Record<WindowKey, number>; curve: { t: number; survival: number; atRisk: number }[] };
  /**
   * Reached value within 7 / 14 days, among people observed for at least that long (signed
   * up 7 / 14 days before `asOf` or earlier): a plain binomial share, so it has an interval.
   */
  valueWithin: Record<WindowKey, Share>;
  /** Exposed people who completed a checklist at or after their first exposure. */
  checklist: Share;
}

export interface ExperimentResult {
  experiment: string;
  control: string;
  users: number;
  arms: ExperimentArm[];
  /** Every other arm against control. */
  comparisons: ArmComparison[];
}

export interface ExperimentReport {
  asOf: string;
  valueEvent: string | null;
  experiments: ExperimentResult[];
}

export interface ExperimentQuery extends ReportQuery {
  valueEvent?: string;
  /** Only this experiment. */
  experiment?: string;
  /** The arm the others are compared with. @default "control", else the first arm by name */
  control?: string;
}

/**
 * Per experiment (from `Experiment Exposed` {experiment, variant}): people per arm, TTV
 * curves and medians, the share reaching value within 7 and 14 days and checklist
 * completion, each arm against control with its uncertainty (experimentVerdict.ts).
 * See docs/collector.md#experiments for the definitions.
 */
export async function experimentReport(store: Store, q: ExperimentQuery): Promise<ExperimentReport> {
  const [exposures, subjects] = await Promise.all([
    store.experimentExposures({ projectId: q.projectId, asOf: q.asOf }),
    store.ttvSubjects({ ...q, by: 'signup_week' }),
  ]);
  const filtered = q.from != null || q.to != null || q.where != null;
  const people = new Map(subjects.map((s) => [s.personId, s]));
  const byExperiment = new Map<string, ExperimentExposure[]>();
  for (const e of exposures) {
    if (q.experiment != null && e.experiment != q.experiment) continue;
    // Filters (signup dates, traits) describe identified people: with one, only they count.
    if (filtered && !people.has(e.personId)) continue;
    let list = byExperiment.get(e.experiment);
    if (!list) byExperiment.set(e.experiment, (list = []));
    list.push(e);
  }
  const experiments = [...byExperiment].map(([experiment, list]) => {
    const variants = [...new Set(list.map((e) => e.variant))].sort();
    const control = q.control && variants.includes(q.control) ? q.control : variants.includes('control') ? 'control' : variants[0]!;
    const ordered = [control, ...variants.filter((v) => v != control)];
    const observations = new Map<string, Observation[]>();
    const arms = ordered.map((variant) => {
      const members = list.filter((e) => e.variant == variant);
      const obs = members.flatMap((e) => {
        const s = people.get(e.personId);
        return s ? [{ ...observe(s, q.asOf), startAt: s.startAt }] : [];
      });
      observations.set(variant, obs);
      return summariseArm(variant, members, obs, q.asOf);
    });
    const controlArm = arms[0]!;
    const comparisons = arms.slice(1).map((arm) => {
      const logRank: LogRankTest | null = logRankTest(observations.get(control)!, observations.get(arm.variant)!);
      return compareArms(controlArm, arm, logRank, {
        '7d': differenceOf(controlArm.valueWithin['7d'], arm.valueWithin['7d']),
        '14d': differenceOf(controlArm.valueWithin['14d'], arm.valueWithin['14d']),
        checklist: differenceOf(controlArm.checklist, arm.checklist),
      });
    });
    return { experiment, control, users: list.length, arms, comparisons };
  });
  experiments.sort((a, b) => a.experiment.localeCompare(b.experiment));
  return { asOf: new Date(q.asOf).toISOString(), valueEvent: q.valueEvent ?? null, experiments };
}

function summariseArm(variant: string, members: ExperimentExposure[], obs: (Observation & { startAt: number })[], asOf: number): ExperimentArm {
  const ttv = summariseCohort(variant, obs);
  const valueWithin = {} as Record<WindowKey, Share>;
  for (const d of EXPERIMENT_WINDOWS_DAYS) {
    // Only people watched for the whole window: someone who signed up yesterday without
    // value yet is neither a success nor a failure at 7 days.
    const eligible = obs.filter((o) => asOf - o.startAt >= d * DAY);
    valueWithin[`${d}d`] = share(eligible.filter((o) => o.reached && o.durationMs <= d * DAY).length, eligible.length);
  }
  return {
    variant,
    users: members.length,
    switched: members.filter((m) => m.variants > 1).length,
    ttv: { users: ttv.users, reached: ttv.reached, censored: ttv.censored, medianMs: ttv.medianMs, within: { '7d': ttv.within['7d'], '14d': ttv.within['14d'] }, curve: ttv.curve },
    valueWithin,
    checklist: share(members.filter((m) => m.checklistCompletedAt != null).length, members.length),
  };
}

function share(x: number, n: number): Share {
  const i = wilsonInterval(x, n);
  return { n, x, share: n ? round(x / n) : null, interval: i && { low: round(i.low), high: round(i.high) } };
}

function differenceOf(control: Share, variant: Share) {
  return newcombeDifference(control.x, control.n, variant.x, variant.n);
}
