// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READ_KEY, getReport, ingest, startTestCollector, type TestCollector } from './helpers.js';
import { healthFixture, panelFixture, ttvFixture } from './fixtures/reportFixtures.js';

/**
 * Small fixtures with answers worked out by hand (in the comments) for every report.
 * The report "now" (asOf) is fixed so censoring is exact.
 */
const DAY = 86_400_000;
const AS_OF = '2026-03-01T00:00:00.000Z';

let c: TestCollector;
beforeAll(async () => {
  c = await startTestCollector({ health: { windowDays: 10, frictionCeiling: 2, atRiskBelow: 50 } });
  // Worked answers in the tests below; the events in fixtures/reportFixtures.ts.
  await ingest(c.url, ttvFixture());
});
afterAll(() => c.stop());

describe('TTV report', () => {
  it('computes Kaplan–Meier per signup week with censored users kept', async () => {
    const r = await getReport(c.url, 'ttv', { asOf: AS_OF });
    expect(r.status).toBe(200);
    const [a, b] = r.body.cohorts;
    // Cohort A: n=4. S(1d)=3/4, S(3d)=3/4·2/3=1/2, S(10d)=1/2·1/2=1/4; a4 censored at 52 d.
    expect(a).toMatchObject({
      cohort: '2026-01-05', users: 4, reached: 3, censored: 1,
      within: { '1d': 0.25, '7d': 0.5, '14d': 0.75, '30d': 0.75 },
      medianMs: 3 * DAY, p75Ms: 10 * DAY,
    });
    expect(a.curve.map((p: any) => [p.t / DAY, p.survival])).toEqual([[0, 1], [1, 0.75], [3, 0.5], [10, 0.25], [52, 0.25]]);
    // Cohort B: n=3, b1 at 2 d (linked from its anonymous id): S(2d)=2/3, then two censored.
    // Half never observed reaching value: the median is unknown (null), not "∞" or dropped.
    expect(b).toMatchObject({
      cohort: '2026-02-23', users: 3, reached: 1, censored: 2,
      within: { '1d': 0, '7d': 0.3333, '14d': 0.3333, '30d': 0.3333 },
      medianMs: null, p75Ms: null,
    });
    expect(b.curve.map((p: any) => [p.t / DAY, p.survival, p.atRisk])).toEqual([[0, 1, 3], [2, 0.6667, 3], [4, 0.6667, 2], [5, 0.6667, 1]]);
  });

  it('cohorts by a trait (--by plan)', async () => {
    const r = await getReport(c.url, 'ttv', { asOf: AS_OF, by: 'plan' });
    const byName = Object.fromEntries(r.body.cohorts.map((x: any) => [x.cohort, x]));
    // free: a3 10 d, a4 censored 52 d, b1 2 d → S(2d)=2/3, S(10d)=2/3·1/2=1/3: median 10 d.
    expect(byName.free).toMatchObject({ users: 3, reached: 2, medianMs: 10 * DAY, p75Ms: null });
    // pro: a1 1 d, a2 3 d, b3 censored 4 d, b2 censored 5 d → S(1d)=3/4, S(3d)=1/2: median 3 d.
    expect(byName.pro).toMatchObject({ users: 4, reached: 2, censored: 2, medianMs: 3 * DAY, p75Ms: null });
  });

  it('filters by date range and trait', async () => {
    const recent = await getReport(c.url, 'ttv', { asOf: AS_OF, from: '2026-02-01' });
    expect(recent.body.cohorts.map((x: any) => [x.cohort, x.users])).toEqual([['2026-02-23', 3]]);
    const early = await getReport(c.url, 'ttv', { asOf: AS_OF, to: '2026-01-07' });
    expect(early.body.cohorts.map((x: any) => [x.cohort, x.users])).toEqual([['2026-01-05', 2]]);
    const pro = await getReport(c.url, 'ttv', { asOf: AS_OF, where: 'plan:pro' });
    expect(pro.body.cohorts.map((x: any) => [x.cohort, x.users])).toEqual([['2026-01-05', 2], ['2026-02-23', 2]]);
  });

  it('serves CSV and refuses bad keys and parameters', async () => {
    const csv = await fetch(`${c.url}/v1/reports/ttv.csv?asOf=${AS_OF}`, { headers: { authorization: `Bearer ${READ_KEY}` } });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toBe('cohort,users,reached,censored,within_1d_%,within_7d_%,within_14d_%,within_30d_%,median_days,p75_days');
    expect(lines[1]).toBe('2026-01-05,4,3,1,25,50,75,75,3,10');
    expect((await getReport(c.url, 'ttv', {}, 'rk_wrong_0000')).status).toBe(401);
    const project = await (await fetch(`${c.url}/v1/project`, { headers: { authorization: `Bearer ${READ_KEY}` } })).json();
    expect(project).toEqual({ id: 'acme', name: 'acme', events: 14, syntheticEvents: 0, timesOutOfRange: { eventTimes: 0, traitTimes: 0 } });
    expect((await getReport(c.url, 'nope')).status).toBe(404);
    const bad = await getReport(c.url, 'ttv', { from: 'last tuesday' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/from/);
  });
});

describe('checklist, voice, friction, adoption and health reports', () => {
  let f: TestCollector;
  const MIN = 60_000;
  beforeAll(async () => {
    f = await startTestCollector({ health: { windowDays: 10, frictionCeiling: 2, atRiskBelow: 50 } });
    await ingest(f.url, panelFixture());
  });
  afterAll(() => f.stop());

  it('checklist funnel: completion per item, median time, drop-off', async () => {
    const r = await getReport(f.url, 'checklists', { asOf: '2026-03-01' });
    expect(r.body.checklists).toEqual([
      {
        checklist: 'onboarding', shown: 4, completed: 1, completionRate: 0.25, dismissed: 1,
        medianMsToComplete: 60 * MIN, medianDurationMs: 3_600_000,
        items: [
          // a: 3 of 4; times 10, 20, 30 min → median 20 min; drop-off from 100 % = 0.25.
          { item: 'a', completedUsers: 3, completionRate: 0.75, medianMsToComplete: 20 * MIN, dropOff: 0.25 },
          // b: 2 of 4; times 60, 180 min → median 120 min; drop-off 0.75 → 0.5.
          { item: 'b', completedUsers: 2, completionRate: 0.5, medianMsToComplete: 120 * MIN, dropOff: 0.25 },
        ],
      },
    ]);
  });

  it('voice of the customer: NPS, CSAT, CES with counts, per cohort, with comments', async () => {
    const r = await getReport(f.url, 'voice', { asOf: '2026-03-01', by: 'plan' });
    const overall = Object.fromEntries(r.body.overall.map((s: any) => [s.kind, s]));
    expect(overall.nps).toMatchObject({ responses: 5, score: 0, counts: { promoters: 2, passives: 1, detractors: 2 } });
    expect(overall.csat).toMatchObject({ responses: 3, score: 66.7, counts: { satisfied: 2, unsatisfied: 1 } });
    expect(overall.ces).toMatchObject({ responses: 2, score: 4.5 });
    // pro = u1..u3: NPS 10, 9, 8 → 2 promoters of 3 = 66.7. free = u4, u5: 6, 3 → −100.
    const nps = Object.fromEntries(r.body.byCohort.map((c: any) => [c.cohort, c.summaries.find((s: any) => s.kind == 'nps').score]));
    expect(nps).toEqual({ pro: 66.7, free: -100 });
    expect(r.body.byWeek.map((w: any) => w.week)).toEqual(['2026-02-16']);
    expect(r.body.comments).toEqual([expect.objectContaining({ survey: 'nps-q', comment: 'Setup was confusing', personId: 'u5' })]);
  });

  it('friction: clicks by page and element, abandoned flows by step, forms by last field, web-vitals p75', async () => {
    const r = await getReport(f.url, 'friction', { asOf: '2026-03-01' });
    expect(r.body.clicks).toEqual([
      { kind: 'rage', page: '/app', selector: '#save', count: 3, users: 2 },
      { kind: 'dead', page: '/b', selector: '.x', count: 1, users: 1 },
    ]);
    expect(r.body.flows).toEqual([{ flow: 'signup', lastStep: 'plan', reason: 'timeout', count: 2, users: 2 }]);
    expect(r.body.forms).toEqual([
      { page: '/signup', form: 'signup', lastField: 'email', count: 2, users: 2 },
      { page: '/signup', form: 'signup', lastField: 'company', count: 1, users: 1 },
    ]);
    expect(r.body.vitals).toEqual([{ page: '/app', name: 'LCP', p75: 3250, samples: 4, rating: 'needs-improvement' }]);
  });

  it('adoption and health on accounts, with the documented formula', async () => {
    const h = await startTestCollector({ health: { windowDays: 10, frictionCeiling: 2, atRiskBelow: 50 } });
    try {
      // acme: u1, u2. globex: g1. Window: the 10 days up to asOf (fixtures/reportFixtures.ts says which event counts how).
      const { events, asOf: asOfH } = healthFixture();
      await ingest(h.url, events);
      const r = await getReport(h.url, 'health', { asOf: asOfH });
      // acme: 100 × (0.3·0.5 + 0.2·0.5 + 0.2·0.5 + 0.15·0.9 + 0.15·0.8333) / 1 = 61.0
      // globex: 100 × (0.3·0.1 + 0.2·0.5 + 0.2·0 + 0.15·0.5 + 0.15·1) = 35.5 → at risk (< 50)
      expect(r.body.accounts).toEqual([
        { accountId: 'globex', score: 35.5, atRisk: true, users: 1, components: { activity: 0.1, breadth: 0.5, onboarding: 0, sentiment: 0.5, friction: 1 } },
        { accountId: 'acme', score: 61, atRisk: false, users: 2, components: { activity: 0.5, breadth: 0.5, onboarding: 0.5, sentiment: 0.9, friction: 0.8333 } },
      ]);
      expect(r.body.atRisk).toEqual(['globex']);
      // Weights are configurable per request window and per config; here via windowDays=30 the
      // old feature counts: 5 features, globex used 3.
      const wide = await getReport(h.url, 'health', { asOf: asOfH, windowDays: '30' });
      expect(wide.body.accounts.find((x: any) => x.accountId == 'globex').components.breadth).toBe(0.6);

      const ad = await getReport(h.url, 'adoption', { asOf: asOfH });
      // Active in window: u1, u2, g1 (3 users, 2 accounts). x: u1/acme; z: g1/globex.
      expect(ad.body).toMatchObject({ activeUsers: 3, activeAccounts: 2 });
      expect(ad.body.features).toEqual([
        { feature: 'w', users: 1, accounts: 1, userShare: 0.3333, accountShare: 0.5 },
        { feature: 'x', users: 1, accounts: 1, userShare: 0.3333, accountShare: 0.5 },
        { feature: 'y', users: 1, accounts: 1, userShare: 0.3333, accountShare: 0.5 },
        { feature: 'z', users: 1, accounts: 1, userShare: 0.3333, accountShare: 0.5 },
      ]);
    } finally {
      await h.stop();
    }
  });
});
