// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READ_KEY, ev, getReport, ingest, startTestCollector, type TestCollector } from './helpers.js';

/**
 * A small experiment with every number worked out by hand below (and the intervals with
 * an independent Python implementation of Newcombe 1998, method 10, in the comments).
 * The report's "now" is fixed so censoring is exact.
 */
const DAY = 86_400_000;
const AS_OF = '2026-03-01T00:00:00.000Z';
const d = (iso: string, plusDays = 0) => Date.parse(iso) + plusDays * DAY;
const EXP = 'welcome-tour';

let c: TestCollector;
beforeAll(async () => {
  c = await startTestCollector();
  const signup = (user: string, iso: string, anon?: string) => ev({ type: 'identify', user, anon, at: iso, traits: { created_at: iso } });
  const exposed = (who: { user?: string; anon?: string }, variant: string, at: number, experiment = EXP) =>
    ev({ event: 'Experiment Exposed', ...who, at, props: { experiment, variant } });
  const value = (user: string, iso: string, days: number) => ev({ event: 'First Value Reached', user, at: d(iso, days) });
  const checklistDone = (user: string, at: number) => ev({ event: 'Checklist Completed', user, at, props: { checklist: 'onboarding' } });
  await ingest(c.url, [
    // control: a1 value at 1 d, a2 at 3 d, a3 signed up 2 d before asOf (censored at 2 d), a4 at 10 d.
    signup('a1', '2026-01-05T00:00:00Z'), exposed({ user: 'a1' }, 'control', d('2026-01-05T00:00:00Z')), value('a1', '2026-01-05T00:00:00Z', 1),
    checklistDone('a1', d('2026-01-05T00:00:00Z', 2)),
    signup('a2', '2026-01-06T00:00:00Z'), exposed({ user: 'a2' }, 'control', d('2026-01-06T00:00:00Z', 0.5)), value('a2', '2026-01-06T00:00:00Z', 3),
    // Completed before the exposure: not counted for the experiment.
    checklistDone('a2', d('2026-01-06T00:00:00Z', 0.25)),
    signup('a3', '2026-02-27T00:00:00Z'), exposed({ user: 'a3' }, 'control', d('2026-02-27T00:00:00Z')),
    signup('a4', '2026-01-07T00:00:00Z'), exposed({ user: 'a4' }, 'control', d('2026-01-07T00:00:00Z')), value('a4', '2026-01-07T00:00:00Z', 10),
    // A visitor who never signed in: counted in the arm (and its checklist share), not in TTV.
    exposed({ anon: 'anon-visitor' }, 'control', d('2026-02-01T00:00:00Z')),
    // guided: b1 exposed while anonymous, then signed in (one person, exposed twice); value at 1 d.
    exposed({ anon: 'anon-b1' }, 'guided', d('2026-01-05T00:00:00Z', -0.01)), signup('b1', '2026-01-05T00:00:00Z', 'anon-b1'),
    exposed({ user: 'b1' }, 'guided', d('2026-01-06T00:00:00Z')), value('b1', '2026-01-05T00:00:00Z', 1),
    checklistDone('b1', d('2026-01-05T00:00:00Z', 1)),
    // b2: value at 2 d; later also exposed to control (it stays in guided, counted as switched).
    signup('b2', '2026-01-06T00:00:00Z'), exposed({ user: 'b2' }, 'guided', d('2026-01-06T00:00:00Z')), value('b2', '2026-01-06T00:00:00Z', 2),
    exposed({ user: 'b2' }, 'control', d('2026-01-20T00:00:00Z')), checklistDone('b2', d('2026-01-06T00:00:00Z', 3)),
    signup('b3', '2026-01-07T00:00:00Z'), exposed({ user: 'b3' }, 'guided', d('2026-01-07T00:00:00Z')), value('b3', '2026-01-07T00:00:00Z', 20),
    // b4: no value, censored at 50 d.
    signup('b4', '2026-01-10T00:00:00Z'), exposed({ user: 'b4' }, 'guided', d('2026-01-10T00:00:00Z')),
    // Exposed after asOf: not counted.
    signup('late', '2026-01-10T00:00:00Z'), exposed({ user: 'late' }, 'guided', d('2026-03-02T00:00:00Z')),
    // Another experiment without an arm named control: the first arm by name is control.
    exposed({ user: 'a1' }, 'beta', d('2026-01-08T00:00:00Z'), 'pricing'), exposed({ user: 'b1' }, 'alpha', d('2026-01-08T00:00:00Z'), 'pricing'),
  ]);
});
afterAll(() => c.stop());

describe('experiment report', () => {
  it('counts people per arm by first exposure, with identities stitched', async () => {
    const r = await getReport(c.url, 'experiments', { asOf: AS_OF });
    expect(r.status).toBe(200);
    expect(r.body.experiments.map((e: any) => [e.experiment, e.control, e.users])).toEqual([['pricing', 'alpha', 2], [EXP, 'control', 9]]);
    const [control, guided] = r.body.experiments[1].arms;
    expect([control.variant, control.users, control.switched, control.ttv.users]).toEqual(['control', 5, 0, 4]);
    expect([guided.variant, guided.users, guided.switched, guided.ttv.users]).toEqual(['guided', 4, 1, 4]);
  });

  it('computes KM medians, the log-rank test and Newcombe intervals as worked by hand', async () => {
    const r = await getReport(c.url, 'experiments', { asOf: AS_OF, experiment: EXP });
    const e = r.body.experiments[0];
    const [control, guided] = e.arms;
    // control: reached 1, censored 2, reached 3, reached 10 → S(1)=3/4, S(3)=3/4·1/2=3/8: median 3 d.
    // guided: reached 1, 2, 20, censored 50 → S(1)=3/4, S(2)=1/2: median 2 d.
    expect(control.ttv).toMatchObject({ reached: 3, censored: 1, medianMs: 3 * DAY, within: { '7d': 0.625, '14d': 1 } });
    expect(guided.ttv).toMatchObject({ reached: 3, censored: 1, medianMs: 2 * DAY, within: { '7d': 0.5, '14d': 0.5 } });
    const cmp = e.comparisons[0];
    expect(cmp.ttv.medianDifferenceMs).toBe(-DAY);
    // Log-rank, guided against control:
    // t   nC nG  n  d  E_G += d·nG/n   V += d(nC/n)(nG/n)(n−d)/(n−1)   O_G
    // 1   4  4   8  2  1              2·¼·6/7 = 3/7                     1
    // 2   3  3   6  1  0.5            ¼                                 2   (control's censoring at 2 d still at risk)
    // 3   2  2   4  1  0.5            ¼                                 2
    // 10  1  2   3  1  2/3            2/9                               2
    // 20  0  2   2  1  1              0                                 3
    // E = 3.6667, V = 1.15079, χ² = (3 − 3.6667)² / 1.15079 = 0.38621, p = erfc(√(χ²/2)) = 0.5343.
    expect(cmp.ttv.logRank.observed).toBe(3);
    expect(cmp.ttv.logRank.expected).toBeCloseTo(3.6667, 4);
    expect(cmp.ttv.logRank.chiSquare).toBeCloseTo(0.3862, 4);
    expect(cmp.ttv.logRank.pValue).toBeCloseTo(0.534, 3);
    // Within 7 d, among people observed ≥ 7 d (a3 is not): control 2/3 (a1, a2), guided 2/4 (b1, b2).
    // Within 14 d: control 3/3, guided 2/4 (b3 at 20 d).
    expect(control.valueWithin['7d']).toMatchObject({ n: 3, x: 2 });
    expect(guided.valueWithin['14d']).toMatchObject({ n: 4, x: 2, share: 0.5 });
    // Python (Wilson z=1.959964, then low = d − √((p₂−l₂)² + (u₁−p₁)²), high = d + √((u₂−p₂)² + (p₁−l₁)²)):
    // 7d: 2/4 − 2/3 = −0.1667 [−0.6098, 0.4105]; 14d: 2/4 − 3/3 = −0.5 [−0.8500, 0.1616].
    expect(cmp.valueWithin['7d']).toMatchObject({ difference: -0.1667, low: -0.6098, high: 0.4105 });
    expect(cmp.valueWithin['14d']).toMatchObject({ difference: -0.5, low: -0.85, high: 0.1616 });
    // Checklist completed at or after exposure: control 1/5 (a1; a2 before exposure), guided 2/4.
    // Python: 2/4 − 1/5 = 0.3 [−0.2501, 0.6864].
    expect(cmp.checklist).toMatchObject({ difference: 0.3, low: -0.2501, high: 0.6864 });
  });

  it('says plainly when the sample is too small to conclude', async () => {
    const r = await getReport(c.url, 'experiments', { asOf: AS_OF, experiment: EXP });
    const cmp = r.body.experiments[0].comparisons[0];
    expect(cmp.ttv.verdict).toBe('too_small');
    expect(cmp.ttv.statement).toMatch(/^Too few people to conclude on time to value \(control n=4, guided n=4/);
    expect(cmp.checklist.verdict).toBe('too_small');
    expect(cmp.valueWithin['7d'].statement).toMatch(/Too few people/);
  });

  it('compares against the arm asked for, and exports CSV with one row per arm', async () => {
    const r = await getReport(c.url, 'experiments', { asOf: AS_OF, experiment: EXP, control: 'guided' });
    expect(r.body.experiments[0].arms.map((a: any) => a.variant)).toEqual(['guided', 'control']);
    expect(r.body.experiments[0].comparisons[0].checklist.difference).toBe(-0.3);
    const res = await fetch(`${c.url}/v1/reports/experiments.csv?asOf=${AS_OF}&experiment=${EXP}`, { headers: { authorization: `Bearer ${READ_KEY}` } });
    const lines = (await res.text()).trim().split('\n');
    expect(lines[0]).toMatch(/^experiment,variant,users,ttv_users,reached,median_days,/);
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 6))).toEqual([
      [EXP, 'control (control)', '5', '4', '3', '3'],
      [EXP, 'guided', '4', '4', '3', '2'],
    ]);
    expect(lines[2]).toContain(',30,-25,68.6,');
  });

  it('rejects a bad parameter by name', async () => {
    const r = await getReport(c.url, 'experiments', { experiment: '' });
    expect(r.status).toBe(400);
    expect(r.body.problems.join()).toMatch(/^experiment:/);
  });
});
