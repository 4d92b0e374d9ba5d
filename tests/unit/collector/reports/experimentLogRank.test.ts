// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { chiSquarePValue1, erfc, logRankTest } from '../../../../packages/collector/src/reports/experimentLogRank.js';

const r = (durationMs: number) => ({ durationMs, reached: true });
const c = (durationMs: number) => ({ durationMs, reached: false });

describe('logRankTest', () => {
  it('matches a table worked by hand, with a tie between a censoring and a value event', () => {
    // A: reached 1, censored 2, reached 3.  B: reached 2, reached 4, censored 5.
    // t  nA nB  n  d  E_B += d·nB/n   V += d·(nA/n)(nB/n)(n−d)/(n−1)   O_B
    // 1  3  3   6  1  3/6 = 0.5        (1/2)(1/2)(5/5) = 0.25             0
    // 2  2  3   5  1  3/5 = 0.6        (2/5)(3/5)(4/4) = 0.24             1   (A censored at 2 still at risk)
    // 3  1  2   3  1  2/3              (1/3)(2/3)(2/2) = 2/9              1
    // 4  0  2   2  1  2/2 = 1          0                                  2
    // E_B = 2.7667, O_B = 2, V = 0.7122; χ² = (23/30)² / 0.7122 = 0.82527;
    // p = erfc(√(χ²/2)) = 0.36364 (Python: math.erfc(math.sqrt(0.8252730109/2))).
    const t = logRankTest([r(1), c(2), r(3)], [r(2), r(4), c(5)])!;
    expect(t.observed).toBe(2);
    expect(t.expected).toBeCloseTo(0.5 + 0.6 + 2 / 3 + 1, 10);
    expect(t.chiSquare).toBeCloseTo(0.8252730109, 8);
    expect(t.pValue).toBeCloseTo(0.3636429584, 6);
  });

  it("reproduces the published test on Gehan's leukaemia data (6-MP vs placebo)", () => {
    // Freireich et al. 1963 / Gehan 1965, weeks in remission (+ = censored). Published:
    // log-rank χ² = 16.79, p = 4.2e-5; placebo observed 21 vs expected 10.75 (Kleinbaum &
    // Klein, Survival Analysis, ch. 2; R: survdiff(Surv(time, cens) ~ treat, gehan)).
    const mp = [6, 6, 6, -6, 7, -9, 10, -10, -11, 13, 16, -17, -19, -20, 22, 23, -25, -32, -32, -34, -35];
    const placebo = [1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8, 11, 11, 12, 12, 15, 17, 22, 23];
    const obs = (xs: number[]) => xs.map((x) => (x < 0 ? c(-x) : r(x)));
    const t = logRankTest(obs(mp), obs(placebo))!;
    expect(t.observed).toBe(21);
    expect(t.expected).toBeCloseTo(10.75, 2);
    expect(t.chiSquare).toBeCloseTo(16.79, 2);
    expect(t.pValue).toBeCloseTo(4.17e-5, 6);
    // The statistic is symmetric in the groups.
    expect(logRankTest(obs(placebo), obs(mp))!.chiSquare).toBeCloseTo(t.chiSquare, 10);
  });

  it('has nothing to test when nobody reached value', () => {
    expect(logRankTest([c(1), c(2)], [c(3)])).toBeNull();
    expect(logRankTest([], [])).toBeNull();
  });

  it('gives p = 1 for identical groups', () => {
    const g = [r(1), r(2), c(3), r(4)];
    expect(logRankTest(g, g)!.chiSquare).toBeCloseTo(0, 12);
    expect(logRankTest(g, g)!.pValue).toBeCloseTo(1, 6);
  });
});

describe('chiSquarePValue1', () => {
  it('gives 0.05 at the 95 % critical value 3.841 and the tail of Python math.erfc elsewhere', () => {
    expect(chiSquarePValue1(3.841458820694124)).toBeCloseTo(0.05, 7);
    expect(chiSquarePValue1(0)).toBe(1);
    // Python: math.erfc(math.sqrt(16.79 / 2)) = 4.175275138919785e-05; relative error < 1.2e-7.
    expect(chiSquarePValue1(16.79) / 4.175275138919785e-5).toBeCloseTo(1, 6);
  });
  it('erfc is symmetric: erfc(−x) = 2 − erfc(x)', () => {
    expect(erfc(-0.5) + erfc(0.5)).toBeCloseTo(2, 12);
    expect(erfc(0)).toBeCloseTo(1, 7);
  });
});
