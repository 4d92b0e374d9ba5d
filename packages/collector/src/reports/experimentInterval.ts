/** 97.5th percentile of the standard normal: two-sided 95 % intervals. */
export const Z_95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

/**
 * Wilson score interval for a proportion x/n (Wilson 1927): the p whose score test does
 * not reject, centre (p̂ + z²/2n) / (1 + z²/n), half-width z/(1 + z²/n) · √(p̂(1−p̂)/n + z²/4n²).
 * Unlike the Wald interval p̂ ± z√(p̂(1−p̂)/n) it stays inside [0, 1] and keeps its coverage
 * for small n and for shares near 0 or 1 (0/10 gives 0–0.28, not 0–0).
 */
export function wilsonInterval(x: number, n: number, z = Z_95): Interval | null {
  if (!(n > 0)) return null;
  const p = x / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export interface ProportionDifference extends Interval {
  /** p₂ − p₁: the variant's share minus control's. */
  difference: number;
}

/**
 * Newcombe's hybrid score interval for a difference of two independent proportions
 * (Newcombe 1998, "Interval estimation for the difference between independent proportions",
 * method 10): with Wilson intervals (l₁, u₁) for p₁ and (l₂, u₂) for p₂ and d = p₂ − p₁,
 *   low  = d − √((p₂ − l₂)² + (u₁ − p₁)²)
 *   high = d + √((u₂ − p₂)² + (p₁ − l₁)²)
 * Chosen over Wald because it keeps close to 95 % coverage with small arms and with shares
 * near 0 or 1, where Wald is too narrow (or zero-width at 0/n vs 0/m). Null when an arm is empty.
 */
export function newcombeDifference(x1: number, n1: number, x2: number, n2: number, z = Z_95): ProportionDifference | null {
  const a = wilsonInterval(x1, n1, z);
  const b = wilsonInterval(x2, n2, z);
  if (!a || !b) return null;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const d = p2 - p1;
  return {
    difference: d,
    low: d - Math.sqrt((p2 - b.low) ** 2 + (a.high - p1) ** 2),
    high: d + Math.sqrt((b.high - p2) ** 2 + (p1 - a.low) ** 2),
  };
}
