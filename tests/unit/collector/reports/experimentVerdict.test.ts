// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { compareArms, MIN_ARM_PEOPLE } from '../../../../packages/collector/src/reports/experimentVerdict.js';
import { newcombeDifference } from '../../../../packages/collector/src/reports/experimentInterval.js';
import type { ExperimentArm, Share } from '../../../../packages/collector/src/reports/experimentReport.js';

const share = (x: number, n: number): Share => ({ x, n, share: x / n, interval: null });
function arm(variant: string, n: number, reached: number, x14: number, checklist: number): ExperimentArm {
  return {
    variant, users: n, switched: 0,
    ttv: { users: n, reached, censored: n - reached, medianMs: null, within: { '7d': 0, '14d': 0 }, curve: [] },
    valueWithin: { '7d': share(x14, n), '14d': share(x14, n) },
    checklist: share(checklist, n),
  };
}
const diffs = (c: ExperimentArm, v: ExperimentArm) => ({
  '7d': newcombeDifference(c.valueWithin['7d'].x, c.valueWithin['7d'].n, v.valueWithin['7d'].x, v.valueWithin['7d'].n),
  '14d': newcombeDifference(c.valueWithin['14d'].x, c.valueWithin['14d'].n, v.valueWithin['14d'].x, v.valueWithin['14d'].n),
  checklist: newcombeDifference(c.checklist.x, c.checklist.n, v.checklist.x, v.checklist.n),
});

describe('compareArms', () => {
  it('calls a difference whose 95 % interval excludes 0 better or worse, and names the interval', () => {
    // 48/80 vs 56/70: Newcombe's example, +20 points [+5.2, +33.4].
    const c = arm('control', 80, 60, 48, 48);
    const v = arm('guided', 70, 60, 56, 30);
    const r = compareArms(c, v, { chiSquare: 5, pValue: 0.0253, observed: 40, expected: 32 }, diffs(c, v));
    expect(r.valueWithin['14d'].verdict).toBe('better');
    expect(r.valueWithin['14d'].statement).toBe('More people reaching value within 14 days in guided than in control (+20.0 points, 95 % CI +5.2 to +33.4).');
    expect(r.checklist.verdict).toBe('worse');
    expect(r.ttv).toMatchObject({ verdict: 'better', statement: 'guided reaches value faster than control (log-rank χ² = 5.00, p = 0.025).' });
  });

  it('says no difference was detected when the interval spans 0 or p ≥ 0.05', () => {
    const c = arm('control', 40, 30, 20, 20);
    const v = arm('b', 40, 30, 22, 20);
    const r = compareArms(c, v, { chiSquare: 3.84, pValue: 0.05, observed: 10, expected: 12 }, diffs(c, v));
    expect(r.valueWithin['7d'].verdict).toBe('no_difference_detected');
    expect(r.checklist.statement).toMatch(/^No difference in completing a checklist detected between b and control \(\+0\.0 points, 95 % CI −/);
    expect(r.ttv.verdict).toBe('no_difference_detected');
  });

  it(`is too small below ${MIN_ARM_PEOPLE} people per arm or 10 value events, whatever the p-value`, () => {
    const c = arm('control', MIN_ARM_PEOPLE - 1, 19, 19, 19);
    const v = arm('b', 100, 0, 0, 0);
    const r = compareArms(c, v, { chiSquare: 50, pValue: 1e-12, observed: 0, expected: 15 }, diffs(c, v));
    expect([r.ttv.verdict, r.valueWithin['14d'].verdict, r.checklist.verdict]).toEqual(['too_small', 'too_small', 'too_small']);
    const few = compareArms(arm('control', 30, 4, 4, 4), arm('b', 30, 5, 5, 5), { chiSquare: 9, pValue: 0.003, observed: 5, expected: 4 }, diffs(arm('control', 30, 4, 4, 4), arm('b', 30, 5, 5, 5)));
    expect(few.ttv.verdict).toBe('too_small');
    expect(few.ttv.statement).toContain('9 reached value');
    // Exactly at the limits it concludes.
    const at = compareArms(arm('control', MIN_ARM_PEOPLE, 5, 5, 5), arm('b', MIN_ARM_PEOPLE, 5, 5, 5), { chiSquare: 0, pValue: 1, observed: 5, expected: 5 }, diffs(arm('control', 20, 5, 5, 5), arm('b', 20, 5, 5, 5)));
    expect(at.ttv.verdict).toBe('no_difference_detected');
  });
});
