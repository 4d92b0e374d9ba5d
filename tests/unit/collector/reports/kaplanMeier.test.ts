// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { kaplanMeier, kaplanMeierOf, quantileTime, survivalAt } from '../../../../packages/collector/src/reports/kaplanMeier.js';

const r = (durationMs: number) => ({ durationMs, reached: true });
const c = (durationMs: number) => ({ durationMs, reached: false });

describe('kaplanMeier', () => {
  it('matches the hand-computed curve with ties and censoring', () => {
    // n=6: reached 1, 2, 2; censored 3; reached 5; censored 6.
    // S(1)=5/6, S(2)=5/6·(1−2/5)=1/2, S(5)=1/2·(1−1/2)=1/4.
    const curve = kaplanMeier([r(2), c(3), r(1), r(5), r(2), c(6)]);
    expect(curve.map((p) => [p.t, p.atRisk, p.reached, p.censored])).toEqual([
      [0, 6, 0, 0], [1, 6, 1, 0], [2, 5, 2, 0], [3, 3, 0, 1], [5, 2, 1, 0], [6, 1, 0, 1],
    ]);
    const expected = [1, 5 / 6, 0.5, 0.5, 0.25, 0.25];
    curve.forEach((p, i) => expect(p.survival).toBeCloseTo(expected[i]!, 12));
    expect(quantileTime(curve, 0.5)).toBe(2);
    expect(quantileTime(curve, 0.75)).toBe(5);
    expect(survivalAt(curve, 0.5)).toBe(1);
    expect(survivalAt(curve, 1)).toBeCloseTo(5 / 6, 12);
    expect(survivalAt(curve, 4.9)).toBe(0.5);
    expect(survivalAt(curve, 100)).toBe(0.25);
  });

  it('counts people censored at an event time as still at risk then', () => {
    const curve = kaplanMeier([r(1), c(1), r(2)]);
    expect(curve[1]).toMatchObject({ t: 1, atRisk: 3 });
    expect(curve[1]!.survival).toBeCloseTo(2 / 3, 12);
    expect(curve[2]).toMatchObject({ t: 2, atRisk: 1, survival: 0 });
  });

  it('gives no median when too few have reached value (all censored)', () => {
    const curve = kaplanMeier([c(5), c(7)]);
    expect(curve.every((p) => p.survival == 1)).toBe(true);
    expect(quantileTime(curve, 0.5)).toBeNull();
  });

  it('handles an empty cohort and instant value (0 ms)', () => {
    expect(kaplanMeier([])).toEqual([{ t: 0, survival: 1, atRisk: 0, reached: 0, censored: 0 }]);
    const curve = kaplanMeier([r(0), r(0)]);
    expect(quantileTime(curve, 0.5)).toBe(0);
  });

  it('is not the naive share: young censored users do not count as failures', () => {
    // 2 of 4 reached within 1 day; 2 signed up an hour ago. Naive share: 50 %; KM: 100 %.
    const curve = kaplanMeier([r(10), r(20), c(1), c(2)]);
    expect(1 - survivalAt(curve, 86_400_000)).toBe(1);
  });
});

/** The curve as kaplanMeier computed it before issue 16 (one sort of the observations): the reference. */
function kaplanMeierBySort(observations: { durationMs: number; reached: boolean }[]) {
  const sorted = [...observations].sort((a, b) => a.durationMs - b.durationMs);
  const points = [{ t: 0, survival: 1, atRisk: sorted.length, reached: 0, censored: 0 }];
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

describe('kaplanMeierOf (two lists of durations, any order)', () => {
  it('is the sorted-observations curve, bit for bit, with ties across and within the lists (property)', () => {
    const duration = fc.oneof(fc.integer({ min: 0, max: 30 }), fc.double({ min: 0, max: 1e12, noNaN: true }));
    fc.assert(
      fc.property(fc.array(fc.record({ durationMs: duration, reached: fc.boolean() }), { maxLength: 300 }), (obs) => {
        const reached = obs.filter((o) => o.reached).map((o) => o.durationMs);
        const censored = obs.filter((o) => !o.reached).map((o) => o.durationMs);
        const curve = kaplanMeierOf(reached, censored);
        expect(curve).toEqual(kaplanMeierBySort(obs));
        expect(kaplanMeier(obs)).toEqual(curve);
      }),
      { numRuns: Number(process.env.SABU_FUZZ_RUNS ?? 300) },
    );
  });

  it('reports a step at 0 once, as 0, when -0 and 0 both occur', () => {
    expect(kaplanMeierOf([-0, 0], [0]).map((p) => [p.t, p.reached, p.censored])).toEqual([[0, 0, 0], [0, 2, 1]]);
    expect(Object.is(kaplanMeierOf([-0], [])[1]!.t, 0)).toBe(true);
  });
});
