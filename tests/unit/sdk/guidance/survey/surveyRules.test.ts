import { describe, expect, it } from 'vitest';
import type { Survey, SurveyTrigger } from '@sabu/schema';
import { bucketOf, onScale, sampleOf, triggerFires, whyNot, followUpOf, type SurveyInput, type UserFacts } from '../../../../../packages/sdk/src/guidance/survey/surveyRules';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 24, 12);
const facts = (over: Partial<UserFacts> = {}): UserFacts => ({ sessions: 1, traits: {}, now: NOW, ...over });
const ev = (name: string, properties: Record<string, unknown> = {}): SurveyInput => ({ type: 'event', name, properties });
const page = (url: string): SurveyInput => ({ type: 'page', url });
const fires = (t: SurveyTrigger, input: SurveyInput, f = facts()) => triggerFires(t, input, f);
const nps = (over: Partial<Survey> = {}): Survey => ({ id: 'nps', kind: 'nps', question: 'Q', triggers: [{ event: 'X' }], ...over });

describe('score buckets', () => {
  it('splits NPS at 6|7 and 8|9', () => {
    expect([0, 6, 7, 8, 9, 10].map((s) => bucketOf('nps', s))).toEqual(['detractor', 'detractor', 'passive', 'passive', 'promoter', 'promoter']);
  });
  it('splits CSAT around 3 and CES around 4', () => {
    expect([1, 2, 3, 4, 5].map((s) => bucketOf('csat', s))).toEqual(['low', 'low', 'neutral', 'high', 'high']);
    expect([1, 3, 4, 5, 7].map((s) => bucketOf('ces', s))).toEqual(['low', 'low', 'neutral', 'high', 'high']);
  });
  it('accepts only whole scores on the scale', () => {
    expect([onScale('nps', 0), onScale('nps', 10), onScale('nps', 11), onScale('nps', -1), onScale('nps', 5.5), onScale('csat', 0), onScale('ces', 7), onScale('ces', '7')]).toEqual([
      true, true, false, false, false, false, true, false,
    ]);
  });
  it('picks the bucket wording of the follow-up, else the general one', () => {
    const s = nps({ followUp: { question: 'Why?', detractor: 'What to fix?' } });
    expect(followUpOf(s, 'detractor')).toBe('What to fix?');
    expect(followUpOf(s, 'promoter')).toBe('Why?');
    expect(followUpOf(nps(), 'promoter')).toBeUndefined();
  });
});

describe('triggers', () => {
  it('fires on an event with matching properties only (first use of a feature)', () => {
    const t = { event: 'Feature Used', properties: { feature: 'export', first_use: true } };
    expect(fires(t, ev('Feature Used', { feature: 'export', first_use: true, extra: 1 }))).toBe(true);
    expect(fires(t, ev('Feature Used', { feature: 'export', first_use: false }))).toBe(false);
    expect(fires(t, ev('Feature Used', { feature: 'export' }))).toBe(false);
    expect(fires(t, ev('Report Created', { feature: 'export', first_use: true }))).toBe(false);
    expect(fires(t, page('/export'))).toBe(false);
  });

  it('fires after checklist and flow outcomes, by id or any', () => {
    expect(fires({ checklistCompleted: 'onboarding' }, ev('Checklist Completed', { checklist: 'onboarding' }))).toBe(true);
    expect(fires({ checklistCompleted: 'onboarding' }, ev('Checklist Completed', { checklist: 'other' }))).toBe(false);
    expect(fires({ checklistCompleted: '*' }, ev('Checklist Completed', { checklist: 'other' }))).toBe(true);
    expect(fires({ flowAbandoned: 'connect' }, ev('Flow Abandoned', { flow: 'connect' }))).toBe(true);
    expect(fires({ flowAbandoned: 'connect' }, ev('Flow Completed', { flow: 'connect' }))).toBe(false);
    expect(fires({ flowCompleted: '*' }, ev('Flow Completed', { flow: 'x' }))).toBe(true);
  });

  it('fires after friction of the given kind on the given page', () => {
    const t: SurveyTrigger = { friction: 'rage', page: '/billing*' };
    expect(fires(t, ev('Rage Click', { page: '/billing/plans' }))).toBe(true);
    expect(fires(t, ev('Rage Click', { page: '/reports' }))).toBe(false);
    expect(fires(t, ev('Dead Click', { page: '/billing' }))).toBe(false);
    expect(fires({ friction: 'any' }, ev('Dead Click', { page: '/x' }))).toBe(true);
    expect(fires({ friction: 'dead' }, ev('Error Click', { page: '/x' }))).toBe(false);
  });

  it('fires on a URL at page views', () => {
    expect(fires({ url: '/reports/*' }, page('http://app.test/reports/42?x=1'))).toBe(true);
    expect(fires({ url: '/reports/*' }, page('http://app.test/settings'))).toBe(false);
    expect(fires({ url: '/reports/*' }, ev('Page', { url: '/reports/1' }))).toBe(false);
  });

  it('fires from the Nth session on, at page views and identify', () => {
    const t = { sessions: 3 };
    expect(fires(t, page('/'), facts({ sessions: 2 }))).toBe(false);
    expect(fires(t, page('/'), facts({ sessions: 3 }))).toBe(true);
    expect(fires(t, { type: 'identify' }, facts({ sessions: 4 }))).toBe(true);
    expect(fires(t, ev('Clicked'), facts({ sessions: 9 }))).toBe(false); // not on every event
  });

  it('fires N days after signup (created_at as ISO, seconds or ms), never without it', () => {
    const t = { daysAfterSignup: 7 };
    const at = (created: unknown) => fires(t, page('/'), facts({ traits: { created_at: created } }));
    expect(at(new Date(NOW - 7 * DAY).toISOString())).toBe(true);
    expect(at(new Date(NOW - 7 * DAY + 1000).toISOString())).toBe(false);
    expect(at(Math.floor((NOW - 8 * DAY) / 1000))).toBe(true);
    expect(at(NOW - 6 * DAY)).toBe(false);
    expect(fires(t, page('/'), facts())).toBe(false);
  });
});

describe('throttling', () => {
  const asked = (daysAgo: number, answered = true) => ({ at: NOW - daysAgo * DAY, ...(answered ? { answered: NOW - daysAgo * DAY } : {}) });

  it('asks a user again only after 90 days once they answered', () => {
    expect(whyNot(nps(), undefined, 'u', {}, '/', NOW)).toBeNull();
    expect(whyNot(nps(), asked(0), 'u', {}, '/', NOW)).toBe('answered recently');
    expect(whyNot(nps(), asked(89.99), 'u', {}, '/', NOW)).toBe('answered recently');
    expect(whyNot(nps(), asked(90), 'u', {}, '/', NOW)).toBeNull();
    expect(whyNot(nps({ resurveyAfterDays: 180 }), asked(120), 'u', {}, '/', NOW)).toBe('answered recently');
  });

  it('waits 30 days after a dismissal (or a prompt left unanswered)', () => {
    expect(whyNot(nps(), asked(29, false), 'u', {}, '/', NOW)).toBe('dismissed recently');
    expect(whyNot(nps(), asked(30, false), 'u', {}, '/', NOW)).toBeNull();
    expect(whyNot(nps({ afterDismissDays: 0 }), asked(0, false), 'u', {}, '/', NOW)).toBeNull();
  });

  it('samples a stable share of users, decided once per user and survey', () => {
    const users = Array.from({ length: 2000 }, (_, i) => 'user-' + i);
    const inSample = users.filter((u) => whyNot(nps({ sampleRate: 0.25 }), undefined, u, {}, '/', NOW) == null);
    expect(inSample.length).toBeGreaterThan(400);
    expect(inSample.length).toBeLessThan(600);
    expect(users.filter((u) => whyNot(nps({ sampleRate: 0.25 }), undefined, u, {}, '/', NOW) == null)).toEqual(inSample); // stable
    expect(sampleOf('user-1', 'a')).not.toBe(sampleOf('user-1', 'b')); // independent per survey
    expect(whyNot(nps({ sampleRate: 0 }), undefined, 'u', {}, '/', NOW)).toBe('not in the sample');
    expect(whyNot(nps({ sampleRate: 1 }), undefined, 'u', {}, '/', NOW)).toBeNull();
  });

  it('applies the audience: traits, signup age and pages', () => {
    const s = nps({ audience: { traits: { plan: ['pro', 'team'] }, signedUpWithinDays: 30, excludeUrls: ['/checkout*'] } });
    const pro = { plan: 'pro', created_at: new Date(NOW - 10 * DAY).toISOString() };
    expect(whyNot(s, undefined, 'u', pro, 'http://a.test/app', NOW)).toBeNull();
    expect(whyNot(s, undefined, 'u', { ...pro, plan: 'free' }, 'http://a.test/app', NOW)).toBe('user not in the audience');
    expect(whyNot(s, undefined, 'u', { ...pro, created_at: new Date(NOW - 31 * DAY).toISOString() }, 'http://a.test/app', NOW)).toBe('user not in the audience');
    expect(whyNot(s, undefined, 'u', pro, 'http://a.test/checkout/pay', NOW)).toBe('page not in the audience');
  });
});
