// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READ_KEY, ev, getReport, ingest, startTestCollector, type TestCollector } from './helpers.js';

/**
 * The tour funnel and guide click-through reports on a small fixture whose answers are
 * worked out by hand in the comments: a user who starts twice, a batch sent twice (same
 * messageIds), a user who did it all anonymously before signing in, steps viewed out of
 * order, a visitor who never signed in.
 */
const T = '2026-02-20T09:00:00Z'; // a Friday: signup week 2026-02-16
const AS_OF = '2026-03-01';
const t = (mins: number) => Date.parse(T) + mins * 60_000;

let c: TestCollector;
beforeAll(async () => {
  c = await startTestCollector();
  const plans: Record<string, string> = { u1: 'pro', u2: 'pro', u3: 'pro', u4: 'free', u5: 'free', u6: 'free' };
  const identify = (user: string, mins = 0, anon?: string) =>
    ev({ type: 'identify', user, anon, at: t(mins), traits: { plan: plans[user], created_at: T } });
  const tour = (who: { user?: string; anon?: string }, event: string, mins: number, props: Record<string, unknown> = {}, id?: string) =>
    ev({ event, ...who, at: t(mins), props: { tour: 'welcome', ...props }, id });
  const STEPS = ['intro', 'invite', 'done'];
  const step = (index: number) => ({ step: STEPS[index], index, steps: 3 });
  const u = (user: string) => ({ user });
  const guide = (who: { user?: string; anon?: string }, event: string, id: string, kind: string, props: Record<string, unknown> = {}) =>
    ev({ event, ...who, at: t(30), props: { guide: id, kind, ...props } });

  const once = [
    ...Object.keys(plans).filter((x) => x != 'u6').map((x) => identify(x)),
    // u1: the whole tour.
    tour(u('u1'), 'Tour Started', 1, { steps: 3, trigger: 'page' }),
    ...[0, 1, 2].map((i) => tour(u('u1'), 'Tour Step Viewed', 2 + i, step(i))),
    tour(u('u1'), 'Tour Completed', 5, { steps: 3 }, 'u1-completed'),
    // u2: dismissed on step 1, started again the next day and completed it.
    tour(u('u2'), 'Tour Started', 1, { steps: 3, trigger: 'page' }),
    ...[0, 1].map((i) => tour(u('u2'), 'Tour Step Viewed', 2 + i, step(i))),
    tour(u('u2'), 'Tour Dismissed', 4, { step: 'invite', index: 1 }),
    tour(u('u2'), 'Tour Started', 1440, { steps: 3, trigger: 'requested' }),
    ...[0, 1, 2].map((i) => tour(u('u2'), 'Tour Step Viewed', 1441 + i, step(i))),
    tour(u('u2'), 'Tour Completed', 1444, { steps: 3 }),
    // u3: step 1's anchor never appeared, twice (two events): stopped at step 0.
    tour(u('u3'), 'Tour Started', 1, { steps: 3, trigger: 'page' }),
    tour(u('u3'), 'Tour Step Viewed', 2, step(0)),
    tour(u('u3'), 'Tour Step Failed', 3, { step: 'invite', index: 1, reason: 'anchor_missing' }, 'u3-failed-1'),
    tour(u('u3'), 'Tour Step Failed', 9, { step: 'invite', index: 1, reason: 'anchor_missing' }, 'u3-failed-2'),
    // u4: steps viewed out of order (2, then back to 0), dismissed on step 2.
    tour(u('u4'), 'Tour Started', 1, { steps: 3, trigger: 'page' }),
    tour(u('u4'), 'Tour Step Viewed', 2, step(2)),
    tour(u('u4'), 'Tour Step Viewed', 3, step(0)),
    tour(u('u4'), 'Tour Dismissed', 4, { step: 'done', index: 2 }),
    // u5: started, the first anchor was hidden: never saw a step.
    tour(u('u5'), 'Tour Started', 1, { steps: 3, trigger: 'page' }),
    tour(u('u5'), 'Tour Step Failed', 2, { step: 'intro', index: 0, reason: 'anchor_hidden' }),
    // u6: started and saw step 0 anonymously, signed in, then saw step 1 and left.
    tour({ anon: 'anon-early6' }, 'Tour Started', 1, { steps: 3, trigger: 'page' }),
    tour({ anon: 'anon-early6' }, 'Tour Step Viewed', 2, step(0)),
    identify('u6', 3, 'anon-early6'),
    tour(u('u6'), 'Tour Step Viewed', 4, step(1)),
    // A visitor who never signed in: not a subject of the reports.
    tour({ anon: 'anon-visitor' }, 'Tour Started', 1, { steps: 3, trigger: 'page' }),
    tour({ anon: 'anon-visitor' }, 'Tour Step Viewed', 2, step(0)),

    // Banner "spring-sale": seen by u1..u4 (u1 twice), clicked by u1 (twice) and u2, dismissed
    // by u3; u5's view was lost but a click implies one. → viewed 5, clicked 3, dismissed 1.
    ...['u1', 'u1', 'u2', 'u3', 'u4'].map((x) => guide(u(x), 'Guide Viewed', 'spring-sale', 'banner')),
    ...['u1', 'u1', 'u2', 'u5'].map((x) => guide(u(x), 'Guide Clicked', 'spring-sale', 'banner', { action: 'url', target: '/pricing' })),
    guide(u('u3'), 'Guide Dismissed', 'spring-sale', 'banner'),
    // Hotspot "export-tip": u4 saw and dismissed it; u6 saw and opened it before signing in.
    guide(u('u4'), 'Guide Viewed', 'export-tip', 'hotspot'),
    guide(u('u4'), 'Guide Dismissed', 'export-tip', 'hotspot'),
    guide({ anon: 'anon-early6' }, 'Guide Viewed', 'export-tip', 'hotspot'),
    guide({ anon: 'anon-early6' }, 'Guide Clicked', 'export-tip', 'hotspot', { action: 'open' }),
    guide({ anon: 'anon-visitor' }, 'Guide Viewed', 'export-tip', 'hotspot'),
  ];
  await ingest(c.url, once);
  // The same batch again (a retry after a lost acknowledgement): every event is stored once.
  const retried = once.filter((m) => ['u1-completed', 'u3-failed-1', 'u3-failed-2'].includes(m.messageId as string));
  expect(retried).toHaveLength(3);
  await ingest(c.url, retried);
});
afterAll(() => c.stop());

describe('tour funnel report', () => {
  it('counts people per step, where they stopped, dismissals by step and failures by reason', async () => {
    const r = await getReport(c.url, 'tours', { asOf: AS_OF });
    expect(r.status).toBe(200);
    expect(r.body.tours).toHaveLength(1);
    const w = r.body.tours[0];
    // Started: u1..u6 (u6 through its anonymous id; the visitor is no subject).
    // Completed: u1, u2 (u2 on the second run). Dismissed: u2, u4. Failed: u3, u5.
    expect(w).toMatchObject({ tour: 'welcome', started: 6, completed: 2, completionRate: 0.3333, dismissed: 2, failed: 2, stoppedBeforeFirstStep: 1 });
    expect(w.steps).toEqual([
      // Step 0: u1 u2 u3 u4 u6 viewed; u3 stopped there (furthest step 0).
      { index: 0, step: 'intro', viewed: 5, reachedRate: 0.8333, dropped: 1, dropOff: 0.1667, dismissed: 0 },
      // Step 1: u1 u2 u6 viewed (u4 skipped it); u6 stopped there; u2 dismissed there.
      { index: 1, step: 'invite', viewed: 3, reachedRate: 0.5, dropped: 1, dropOff: 0.1667, dismissed: 1 },
      // Step 2: u1 u2 u4 viewed; u4 stopped there (furthest step 2, though step 0 came later) and dismissed.
      { index: 2, step: 'done', viewed: 3, reachedRate: 0.5, dropped: 1, dropOff: 0.1667, dismissed: 1 },
    ]);
    // Everyone who started is accounted for once: stopped before the first step, at a step, or completed.
    expect(w.stoppedBeforeFirstStep + w.steps.reduce((a: number, s: any) => a + s.dropped, 0) + w.completed).toBe(w.started);
    // u3's two failures are two events (the retried batch added none), one person.
    expect(w.failures).toEqual([
      { index: 1, step: 'invite', reason: 'anchor_missing', users: 1, count: 2 },
      { index: 0, step: 'intro', reason: 'anchor_hidden', users: 1, count: 1 },
    ]);
    expect(w.byCohort).toEqual([{ cohort: '2026-02-16', started: 6, completed: 2, completionRate: 0.3333, dismissed: 2, failed: 2 }]);
  });

  it('cohorts by a trait and filters like the other reports', async () => {
    const r = await getReport(c.url, 'tours', { asOf: AS_OF, by: 'plan' });
    expect(r.body.by).toBe('plan');
    // free: u4 (dismissed), u5 (failed), u6. pro: u1, u2 completed; u2 dismissed once; u3 failed.
    expect(r.body.tours[0].byCohort).toEqual([
      { cohort: 'free', started: 3, completed: 0, completionRate: 0, dismissed: 1, failed: 1 },
      { cohort: 'pro', started: 3, completed: 2, completionRate: 0.6667, dismissed: 1, failed: 1 },
    ]);
    const pro = await getReport(c.url, 'tours', { asOf: AS_OF, where: 'plan:pro' });
    expect(pro.body.tours[0]).toMatchObject({ started: 3, completed: 2, stoppedBeforeFirstStep: 0 });
    expect(pro.body.tours[0].steps.map((s: any) => s.viewed)).toEqual([3, 2, 2]);
    // asOf before u2's second run: u2 has not completed yet, and stopped at step 1.
    const early = await getReport(c.url, 'tours', { asOf: '2026-02-20T12:00:00Z' });
    expect(early.body.tours[0]).toMatchObject({ started: 6, completed: 1 });
    expect(early.body.tours[0].steps.map((s: any) => s.dropped)).toEqual([1, 2, 1]);
    const none = await getReport(c.url, 'tours', { asOf: AS_OF, from: '2026-02-21' });
    expect(none.body.tours).toEqual([]);
  });

  it('exports the funnel as CSV', async () => {
    const res = await fetch(`${c.url}/v1/reports/tours.csv?asOf=${AS_OF}`, { headers: { authorization: `Bearer ${READ_KEY}` } });
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    expect((await res.text()).trim().split('\n')).toEqual([
      'tour,step_index,step,people,of_started_%,dropped_here,drop_off_%,dismissed_here,failed',
      'welcome,,(started),6,100,1,16.7,,2',
      'welcome,0,intro,5,83.3,1,16.7,0,',
      'welcome,1,invite,3,50,1,16.7,1,',
      'welcome,2,done,3,50,1,16.7,1,',
      'welcome,,(completed),2,33.3,,,,',
    ]);
  });
});

describe('guide click-through report', () => {
  it('counts people who saw, clicked and dismissed each guide, with the click-through rate', async () => {
    const r = await getReport(c.url, 'guides', { asOf: AS_OF, by: 'plan' });
    expect(r.status).toBe(200);
    expect(r.body.guides).toEqual([
      {
        guide: 'spring-sale', kind: 'banner', viewed: 5, clicked: 3, dismissed: 1, clickThroughRate: 0.6, dismissRate: 0.2,
        byCohort: [
          // free: u4 saw it, u5 clicked it (its view lost). pro: u1 u2 u3 saw it, u1 u2 clicked, u3 dismissed.
          { cohort: 'free', viewed: 2, clicked: 1, dismissed: 0, clickThroughRate: 0.5, dismissRate: 0 },
          { cohort: 'pro', viewed: 3, clicked: 2, dismissed: 1, clickThroughRate: 0.6667, dismissRate: 0.3333 },
        ],
      },
      {
        // u4 and u6 (anonymous at the time) saw it; u6 opened it; the visitor is no subject.
        guide: 'export-tip', kind: 'hotspot', viewed: 2, clicked: 1, dismissed: 1, clickThroughRate: 0.5, dismissRate: 0.5,
        byCohort: [{ cohort: 'free', viewed: 2, clicked: 1, dismissed: 1, clickThroughRate: 0.5, dismissRate: 0.5 }],
      },
    ]);
    const csv = await fetch(`${c.url}/v1/reports/guides.csv?asOf=${AS_OF}`, { headers: { authorization: `Bearer ${READ_KEY}` } });
    expect((await csv.text()).trim().split('\n').slice(0, 3)).toEqual([
      'guide,kind,cohort,viewed,clicked,click_through_%,dismissed,dismiss_%',
      'spring-sale,banner,(all),5,3,60,1,20',
      'spring-sale,banner,2026-02-16,5,3,60,1,20',
    ]);
  });
});
