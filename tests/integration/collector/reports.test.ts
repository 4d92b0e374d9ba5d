// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READ_KEY, ev, getReport, ingest, startTestCollector, type TestCollector } from './helpers.js';

/**
 * Small fixtures with answers worked out by hand (in the comments) for every report.
 * The report "now" (asOf) is fixed so censoring is exact.
 */
const DAY = 86_400_000;
const AS_OF = '2026-03-01T00:00:00.000Z';
const d = (iso: string, plusDays = 0) => Date.parse(iso) + plusDays * DAY;

let c: TestCollector;
beforeAll(async () => {
  c = await startTestCollector({ health: { windowDays: 10, frictionCeiling: 2, atRiskBelow: 50 } });
  const signup = (user: string, iso: string, plan: string, anon?: string) =>
    ev({ type: 'identify', user, anon, at: iso, traits: { plan, created_at: iso } });
  const fvr = (user: string, iso: string, plusDays: number, props: Record<string, unknown> = {}) =>
    ev({ event: 'First Value Reached', user, at: d(iso, plusDays), props: { from: 'signup', ...props } });

  await ingest(c.url, [
    // Week of 2026-01-05 (cohort "2026-01-05"): reached at 1 d, 3 d, 10 d; one censored at 52 d.
    signup('a1', '2026-01-05T00:00:00Z', 'pro'),
    fvr('a1', '2026-01-05T00:00:00Z', 1),
    signup('a2', '2026-01-06T00:00:00Z', 'pro'),
    // The SDK measured 3 days itself (ttv_ms wins over our own subtraction, which says 4).
    fvr('a2', '2026-01-06T00:00:00Z', 4, { ttv_ms: 3 * DAY }),
    signup('a3', '2026-01-07T00:00:00Z', 'free'),
    // No First Value Reached: the project's configured value event counts.
    ev({ event: 'Report Published', user: 'a3', at: d('2026-01-07T00:00:00Z', 10) }),
    signup('a4', '2026-01-08T00:00:00Z', 'free'),
    ev({ event: 'Something Else', user: 'a4', at: d('2026-01-08T00:00:00Z', 2) }),
    // Week of 2026-02-23: b1 reached value at 2 d while still anonymous, then signed in;
    // b2 and b3 have not reached value yet (censored at 5 d and 4 d).
    ev({ event: 'First Value Reached', anon: 'anon-b1', at: d('2026-02-23T00:00:00Z', 2), props: { from: 'signup' } }),
    signup('b1', '2026-02-23T00:00:00Z', 'free', 'anon-b1'),
    signup('b2', '2026-02-24T00:00:00Z', 'pro'),
    signup('b3', '2026-02-25T00:00:00Z', 'pro'),
    // Someone who never signed in is not a TTV subject.
    ev({ event: 'First Value Reached', anon: 'anon-visitor', at: d('2026-02-25T00:00:00Z') }),
    // After asOf: ignored.
    fvr('b2', '2026-02-24T00:00:00Z', 10),
  ]);
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
  const T = '2026-02-20T09:00:00Z';
  const MIN = 60_000;
  beforeAll(async () => {
    f = await startTestCollector({ health: { windowDays: 10, frictionCeiling: 2, atRiskBelow: 50 } });
    const t = (mins: number) => Date.parse(T) + mins * MIN;
    const users = ['u1', 'u2', 'u3', 'u4', 'u5'];
    const cl = (user: string, event: string, mins: number, props: Record<string, unknown> = {}) =>
      ev({ event, user, at: t(mins), props: { checklist: 'onboarding', ...props } });
    const survey = (user: string, kind: string, score: number, survey = `${kind}-q`) => ev({ event: 'Survey Answered', user, at: t(60), props: { survey, kind, score } });
    await ingest(f.url, [
      ...users.map((u, i) => ev({ type: 'identify', user: u, at: T, traits: { plan: i < 3 ? 'pro' : 'free', created_at: T } })),
      // Checklist: shown to u1..u4; item a by u1 (10 min), u2 (20), u3 (30); item b by u1 (60), u2 (180).
      ...['u1', 'u2', 'u3', 'u4'].map((u) => cl(u, 'Checklist Shown', 0)),
      cl('u1', 'Checklist Item Completed', 10, { item: 'a' }),
      cl('u2', 'Checklist Item Completed', 20, { item: 'a' }),
      cl('u3', 'Checklist Item Completed', 30, { item: 'a' }),
      cl('u1', 'Checklist Item Completed', 60, { item: 'b' }),
      cl('u2', 'Checklist Item Completed', 180, { item: 'b' }),
      cl('u1', 'Checklist Completed', 60, { duration_ms: 3_600_000 }),
      cl('u4', 'Checklist Dismissed', 5),
      // NPS 10, 9, 8, 6, 3 → 2 promoters, 1 passive, 2 detractors → NPS 0.
      survey('u1', 'nps', 10), survey('u2', 'nps', 9), survey('u3', 'nps', 8), survey('u4', 'nps', 6), survey('u5', 'nps', 3),
      // CSAT 5, 4, 2 → 2 of 3 satisfied = 66.7. CES 6 and 3 → mean 4.5.
      survey('u1', 'csat', 5), survey('u2', 'csat', 4), survey('u3', 'csat', 2),
      survey('u4', 'ces', 6), survey('u5', 'ces', 3),
      ev({ event: 'Survey Comment', user: 'u5', at: t(61), props: { survey: 'nps-q', comment: 'Setup was confusing' } }),
      // Friction: 3 rage clicks on /app #save by 2 users, 1 dead click; 2 abandoned at "plan".
      ...['u1', 'u1', 'u2'].map((u) => ev({ event: 'Rage Click', user: u, at: t(5), path: '/app', props: { selector: '#save' } })),
      ev({ event: 'Dead Click', user: 'u3', at: t(5), path: '/b', props: { selector: '.x', page: '/b' } }),
      ev({ event: 'Flow Abandoned', user: 'u4', at: t(5), props: { flow: 'signup', last_step: 'plan', reason: 'timeout' } }),
      ev({ event: 'Flow Abandoned', user: 'u5', at: t(5), props: { flow: 'signup', last_step: 'plan', reason: 'timeout' } }),
      // Form abandoned twice on /signup at "email", once at "company".
      ...[['u1', 'email'], ['u2', 'email'], ['u3', 'company']].map(([u, f]) => ev({ event: 'Form Abandoned', user: u, at: t(6), props: { form: 'signup', fields_touched: 2, last_field: f, page: '/signup' } })),
      // LCP 1000, 2000, 3000, 4000 on /app: p75 (linear) = 3250 ms → needs improvement.
      ...[1000, 2000, 3000, 4000].map((value, i) => ev({ event: 'Web Vital', user: users[i], at: t(1), path: '/app', props: { name: 'LCP', value, rating: 'x' } })),
    ]);
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
      const day = (n: number) => Date.parse('2026-02-20T12:00:00Z') + n * DAY;
      const asOfH = new Date(day(0) + 1000).toISOString();
      // acme: u1, u2. globex: g1. Window: the 10 days up to asOf.
      const a = (user: string, n: number, event: string, props: Record<string, unknown> = {}, group = 'acme') => ev({ event, user, at: day(n), group, props });
      await ingest(h.url, [
        ev({ type: 'group', user: 'u1', group: 'acme', at: day(-30) }),
        ev({ type: 'group', user: 'u2', group: 'acme', at: day(-30) }),
        ev({ type: 'group', user: 'g1', group: 'globex', at: day(-30) }),
        // acme active on 5 days (−4..0) → activity 5/10 = 0.5. Features x, y of {x,y,z,w} → breadth 0.5.
        a('u1', -4, 'Feature Used', { feature: 'x' }), a('u1', -3, 'Feature Used', { feature: 'y' }),
        a('u2', -2, 'Page Seen'), a('u2', -1, 'Page Seen'), a('u1', 0, 'Page Seen'),
        // u1 reached value, u2 did not → onboarding 0.5.
        a('u1', -20, 'First Value Reached', { ttv_ms: 1000 }),
        // Sentiment: NPS 8 → 0.8, CSAT 5 → 1.0; mean 0.9.
        a('u1', -2, 'Survey Answered', { survey: 's', kind: 'nps', score: 8 }),
        a('u2', -2, 'Survey Answered', { survey: 't', kind: 'csat', score: 5 }),
        // 2 rage clicks over 6 active user-days (u1: −4,−3,−2,0; u2: −2,−1) → 1/3 per day;
        // friction = 1 − (1/3)/2 = 0.8333.
        a('u2', -1, 'Rage Click', { selector: '#a' }), a('u2', -1, 'Rage Click', { selector: '#a' }),
        // globex: 1 active day, features z, w (2 of 4), no value, no answers (neutral 0.5), no friction.
        a('g1', -1, 'Feature Used', { feature: 'z' }, 'globex'), a('g1', -1, 'Feature Used', { feature: 'w' }, 'globex'),
        // Outside the window: does not count for activity or breadth.
        a('g1', -15, 'Feature Used', { feature: 'old' }, 'globex'),
      ]);
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
