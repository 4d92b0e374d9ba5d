import type { Store } from '../store/Store.js';
import type { TtvQuery, TtvSubject } from '../store/queryTypes.js';
import { kaplanMeier, quantileTime, survivalAt, type Observation } from './kaplanMeier.js';

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

/** TTV of one person, or how long they were watched without reaching value. */
export function observe(s: TtvSubject, asOf: number): Observation {
  if (s.valueAt != null && s.valueAt <= asOf) {
    // The SDK's own measure wins: it knows the moment the user started better than we do.
    const ms = s.reportedTtvMs != null && s.reportedTtvMs >= 0 ? s.reportedTtvMs : s.valueAt - s.startAt;
    return { durationMs: Math.max(0, ms), reached: true };
  }
  return { durationMs: Math.max(0, asOf - s.startAt), reached: false };
}

export function summariseCohort(cohort: string, obs: Observation[]): TtvCohort {
  const curve = kaplanMeier(obs);
  const reached = obs.filter((o) => o.reached).length;
  const within = {} as TtvCohort['within'];
  for (const d of TTV_WINDOWS_DAYS) within[`${d}d`] = round(1 - survivalAt(curve, d * DAY));
  return {
    cohort,
    users: obs.length,
    reached,
    censored: obs.length - reached,
    within,
    medianMs: quantileTime(curve, 0.5),
    p75Ms: quantileTime(curve, 0.75),
    curve: curve.map((p) => ({ t: p.t, survival: round(p.survival), atRisk: p.atRisk })),
  };
}

/** Time to Value per cohort (see docs/collector.md#ttv for the exact semantics). */
export async function ttvReport(store: Store, q: TtvQuery): Promise<TtvReport> {
  const subjects = await store.ttvSubjects(q);
  const groups = new Map<string, Observation[]>();
  for (const s of subjects) {
    let g = groups.get(s.cohort);
    if (!g) groups.set(s.cohort, (g = []));
    g.push(observe(s, q.asOf));
  }
  return {
    by: q.by,
    asOf: new Date(q.asOf).toISOString(),
    valueEvent: q.valueEvent ?? null,
    cohorts: [...groups].map(([c, obs]) => summariseCohort(c, obs)),
  };
}

export const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;
