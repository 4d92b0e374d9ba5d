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
  const sorted = [...observations].sort((a, b) => a.durationMs - b.durationMs);
  const points: SurvivalPoint[] = [{ t: 0, survival: 1, atRisk: sorted.length, reached: 0, censored: 0 }];
  let atRisk = sorted.length;
  let s = 1;
  for (let i = 0; i < sorted.length; ) {
    const t = sorted[i]!.durationMs;
    let reached = 0;
    let censored = 0;
    for (; i < sorted.length && sorted[i]!.durationMs == t; i++) sorted[i]!.reached ? reached++ : censored++;
    if (reached) s *= 1 - reached / atRisk;
    points.push({ t, survival: s, atRisk, reached, censored });
    atRisk -= reached + censored;
  }
  return points;
}

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
