/** One person's observation: how long until value, or until we stopped watching. */
export interface Observation {
  durationMs: number;
  /** True when value was reached at `durationMs`; false when censored there. */
  reached: boolean;
}

/** A step of the survival curve: share still without value from `t` on. */
export interface SurvivalPoint {
  t: number;
  survival: number;
  atRisk: number;
  reached: number;
  censored: number;
}

/**
 * Kaplan–Meier estimate of "not yet reached value" over time. At each time t where
 * someone reached value, S(t) = S(before t) × (1 − reached_at_t / at_risk_at_t), where
 * at risk means observed at least until t. People censored at t are still counted at
 * risk at t (the usual convention: censoring happens just after events). Censored people
 * thus count for as long as they were watched and no longer: a cohort that signed up
 * yesterday does not drag the 30-day share down.
 */
export function kaplanMeier(observations: readonly Observation[]): SurvivalPoint[] {
  const reached: number[] = [];
  const censored: number[] = [];
  for (const o of observations) (o.reached ? reached : censored).push(o.durationMs);
  return kaplanMeierOf(reached, censored);
}

/**
 * The same curve from the two lists of durations (ms) a store hands over: who reached
 * value when, and how long the others were watched, each in any order. The TTV report
 * reads these as numbers (200,000 people on 10M events) instead of one object per
 * person (issue 16); the arithmetic is kaplanMeier's, step for step.
 */
export function kaplanMeierOf(reachedMs: ArrayLike<number>, censoredMs: ArrayLike<number>): SurvivalPoint[] {
  // Typed arrays sort numerically, natively, with -0 before 0: a tie in the loop below
  // compares with ==, so the two still share a step, reported as +0 (see `+ 0`).
  const r = Float64Array.from(reachedMs).sort();
  const c = Float64Array.from(censoredMs).sort();
  let atRisk = r.length + c.length;
  const points: SurvivalPoint[] = [{ t: 0, survival: 1, atRisk, reached: 0, censored: 0 }];
  let s = 1;
  for (let i = 0, j = 0; i < r.length || j < c.length; ) {
    const fromReached = i < r.length && (j >= c.length || r[i]! <= c[j]! || c[j]! != c[j]!);
    const t = (fromReached ? r[i]! : c[j]!) + 0;
    let reached = 0;
    let censored = 0;
    for (; i < r.length && same(r[i]!, t); i++) reached++;
    for (; j < c.length && same(c[j]!, t); j++) censored++;
    if (reached) s *= 1 - reached / atRisk;
    points.push({ t, survival: s, atRisk, reached, censored });
    atRisk -= reached + censored;
  }
  return points;
}

/** Equal durations, NaN with NaN (sorted last, never expected): the loop above always moves on. */
const same = (a: number, b: number) => a == b || (a != a && b != b);

/** S(t): the curve's value at time t (a step function, right-continuous). */
export function survivalAt(curve: readonly SurvivalPoint[], t: number): number {
  let s = 1;
  for (const p of curve) {
    if (p.t > t) break;
    s = p.survival;
  }
  return s;
}

/**
 * The time by which a share `q` has reached value: the first t with S(t) ≤ 1 − q.
 * Null when the curve never gets there (too many still censored): unknown, not infinite.
 */
export function quantileTime(curve: readonly SurvivalPoint[], q: number): number | null {
  for (const p of curve) if (p.reached && p.survival <= 1 - q + 1e-12) return p.t;
  return null;
}
