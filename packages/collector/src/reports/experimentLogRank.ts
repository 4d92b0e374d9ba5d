import type { Observation } from './kaplanMeier.js';

/** The log-rank comparison of two TTV curves (Mantel–Haenszel form, 1 degree of freedom). */
export interface LogRankTest {
  /** (O − E)² / V for the second group. */
  chiSquare: number;
  /** P(χ²₁ ≥ chiSquare): the chance of curves at least this far apart if the arms were the same. */
  pValue: number;
  /** People of the second group who reached value, and how many the pooled curve expected. */
  observed: number;
  expected: number;
}

/**
 * Log-rank test of "both groups reach value at the same rate", group `b` against group `a`.
 *
 * At each distinct time t when anyone reached value, with nᵢ of group i still at risk
 * (observed at least until t; people censored at t still count, as in kaplanMeier.ts) and
 * dᵢ reaching value then, n = n_a + n_b and d = d_a + d_b:
 *   E_b += d · n_b / n        (what b would see if the rate were shared)
 *   V   += d · (n_a/n) · (n_b/n) · (n − d) / (n − 1)   (hypergeometric variance)
 * χ² = (O_b − E_b)² / V, referred to χ² with 1 degree of freedom. O_b > E_b means group b
 * reaches value faster than the pooled rate. Returns null when V = 0 (nobody reached
 * value, or everyone at risk did at once): there is nothing to test.
 */
export function logRankTest(a: readonly Observation[], b: readonly Observation[]): LogRankTest | null {
  const all = [...a.map((o) => ({ ...o, g: 0 })), ...b.map((o) => ({ ...o, g: 1 }))].sort((x, y) => x.durationMs - y.durationMs);
  let atRisk = [a.length, b.length];
  let observed = 0;
  let expected = 0;
  let variance = 0;
  for (let i = 0; i < all.length; ) {
    const t = all[i]!.durationMs;
    const reached = [0, 0];
    const leaving = [0, 0];
    for (; i < all.length && all[i]!.durationMs == t; i++) {
      const o = all[i]!;
      if (o.reached) reached[o.g]!++;
      leaving[o.g]!++;
    }
    const n = atRisk[0]! + atRisk[1]!;
    const d = reached[0]! + reached[1]!;
    if (d > 0) {
      observed += reached[1]!;
      expected += (d * atRisk[1]!) / n;
      if (n > 1) variance += (d * (atRisk[0]! / n) * (atRisk[1]! / n) * (n - d)) / (n - 1);
    }
    atRisk = [atRisk[0]! - leaving[0]!, atRisk[1]! - leaving[1]!];
  }
  if (!(variance > 0)) return null;
  const chiSquare = (observed - expected) ** 2 / variance;
  return { chiSquare, pValue: chiSquarePValue1(chiSquare), observed, expected };
}

/** Upper tail of χ² with 1 degree of freedom: P(Z² ≥ x) = erfc(√(x/2)). */
export function chiSquarePValue1(x: number): number {
  return x <= 0 ? 1 : erfc(Math.sqrt(x / 2));
}

/**
 * Complementary error function, Chebyshev fit from Numerical Recipes (2nd ed., §6.2,
 * `erfcc`): relative error below 1.2e-7 everywhere, so even tiny p-values keep their digits.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z - 1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}
