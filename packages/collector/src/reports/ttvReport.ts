import type { Store } from '../store/Store.js';
import type { TtvQuery, TtvSubject } from '../store/queryTypes.js';
import { kaplanMeier, kaplanMeierOf, quantileTime, survivalAt, type Observation, type SurvivalPoint } from './kaplanMeier.js';

const DAY = 86_400_000;
/** The "reached value within N days" columns growth teams read first. */
export const TTV_WINDOWS_DAYS = [1, 7, 14, 30] as const;

export interface TtvCohort {
  cohort: string;
  users: number;
  reached: number;
  /** Not reached yet: censored at the report's `asOf`. */
  censored: number;
  /** Kaplan–Meier share that reached value within 1/7/14/30 days (1 − S(d)). */
  within: Record<`${(typeof TTV_WINDOWS_DAYS)[number]}d`, number>;
  /** Kaplan–Meier median and p75 TTV in ms; null when not reached by enough users yet. */
  medianMs: number | null;
  p75Ms: number | null;
  curve: { t: number; survival: number; atRisk: number }[];
}

export interface TtvReport {
  by: string;
  asOf: string;
  valueEvent: string | null;
  cohorts: TtvCohort[];
}

/**
 * TTV of one person, or how long they were watched without reaching value. The stores'
 * `ttvDurations` compute the same in SQL (duckdb/ttvQueries.ts, clickhouse/ttvQueries.ts);
 * ttvDurations.test.ts holds the three to one answer.
 */
export function observe(s: TtvSubject, asOf: number): Observation {
  if (s.valueAt != null && s.valueAt <= asOf) {
    // The SDK's own measure wins: it knows the moment the user started better than we do.
    // Only a real one: a ttv_ms of "NaN" or "1e999" is text that casts, not a measure.
    const ms = s.reportedTtvMs != null && Number.isFinite(s.reportedTtvMs) && s.reportedTtvMs >= 0 ? s.reportedTtvMs : s.valueAt - s.startAt;
    return { durationMs: Math.max(0, ms), reached: true };
  }
  return { durationMs: Math.max(0, asOf - s.startAt), reached: false };
}

export function summariseCohort(cohort: string, obs: Observation[]): TtvCohort {
  return summariseCurve(cohort, kaplanMeier(obs));
}

/** A cohort's figures from its survival curve (whose first point counts everyone). */
function summariseCurve(cohort: string, curve: SurvivalPoint[]): TtvCohort {
  const users = curve[0]!.atRisk;
  let reached = 0;
  for (const p of curve) reached += p.reached;
  const within = {} as TtvCohort['within'];
  for (const d of TTV_WINDOWS_DAYS) within[`${d}d`] = round(1 - survivalAt(curve, d * DAY));
  return {
    cohort,
    users,
    reached,
    censored: users - reached,
    within,
    medianMs: quantileTime(curve, 0.5),
    p75Ms: quantileTime(curve, 0.75),
    curve: curve.map((p) => ({ t: p.t, survival: round(p.survival), atRisk: p.atRisk })),
  };
}

/**
 * Time to Value per cohort (see docs/collector.md#ttv for the exact semantics). The store
 * hands over each cohort's durations, observed as `observe` does, not one row per person:
 * on 10M events that is 200,000 people's ids the report never needed (issue 16).
 */
export async function ttvReport(store: Store, q: TtvQuery): Promise<TtvReport> {
  const cohorts = await store.ttvDurations(q);
  return {
    by: q.by,
    asOf: new Date(q.asOf).toISOString(),
    valueEvent: q.valueEvent ?? null,
    cohorts: cohorts.map((c) => summariseCurve(c.cohort, kaplanMeierOf(c.reachedMs, c.censoredMs))),
  };
}

export const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;
