import { beforeEach, describe, expect, it } from 'vitest';
import type { Guide, Tour } from '@sabu/schema';
import { isGuide, stepOptions, triggerName, whyNot } from '../../../../../packages/sdk/src/guidance/tour/tourRules';
import { readTourState, tourStateKey, updateTourState } from '../../../../../packages/sdk/src/guidance/tour/tourState';

const NOW = Date.UTC(2026, 10, 30, 9);
const TOUR: Tour = { id: 'welcome', audience: { urls: ['/app/*'], traits: { plan: 'trial' } }, steps: [{ id: 'a', text: 'Hi' }, { id: 'b', text: 'x', anchor: '#b', advance: 'click' }] };
const at = (path: string) => 'https://acme.example' + path;

describe('tour rules', () => {
  it('starts a tour by itself once per user: any ending, or a run in progress, stops it', () => {
    const traits = { plan: 'trial' };
    expect(whyNot(TOUR, { r: {} }, traits, at('/app/home'), NOW)).toBeNull();
    for (const how of ['completed', 'dismissed', 'failed'] as const) expect(whyNot(TOUR, { r: { welcome: { how, at: NOW } } }, traits, at('/app/x'), NOW)).toBe('already ' + how);
    expect(whyNot(TOUR, { a: { t: 'welcome', i: 1, v: 1 }, r: {} }, traits, at('/app/x'), NOW)).toBe('in progress');
    // A banner seen but not closed comes back.
    expect(whyNot(TOUR, { r: { welcome: { how: 'seen', at: NOW } } }, traits, at('/app/x'), NOW)).toBeNull();
  });

  it('applies the audience: traits and pages', () => {
    expect(whyNot(TOUR, { r: {} }, { plan: 'pro' }, at('/app/x'), NOW)).toBe('user not in the audience');
    expect(whyNot(TOUR, { r: {} }, { plan: 'trial' }, at('/pricing'), NOW)).toBe('page not in the audience');
  });

  it('gives each step its behaviour with the tour defaults: Next only when nothing else advances it, spotlight only with an anchor', () => {
    const t: Tour = { ...TOUR, spotlight: true, onMissing: 'end', anchorTimeoutSeconds: 3 };
    expect(stepOptions(t, t.steps[0]!)).toEqual({ spotlight: false, end: true, timeoutMs: 3000, next: true });
    expect(stepOptions(t, t.steps[1]!)).toEqual({ spotlight: true, end: true, timeoutMs: 3000, next: false });
    expect(stepOptions(TOUR, { id: 'c', text: 'x', anchor: '#c', spotlight: true, onMissing: 'skip', advanceWhen: { event: 'X' } })).toEqual({ spotlight: true, end: false, timeoutMs: 10_000, next: false });
  });

  it('tells guides from tours, and names the trigger that fired', () => {
    const g: Guide = { id: 'g', kind: 'banner', text: 'x' };
    expect([isGuide(g), isGuide(TOUR), isGuide(null)]).toEqual([true, false, false]);
    expect([triggerName('requested'), triggerName({ event: 'X', properties: { a: 1 }, delaySeconds: 2 }), triggerName({ url: '/a' })]).toEqual(['requested', 'event', 'url']);
  });
});

describe('tour state', () => {
  beforeEach(() => localStorage.clear());

  it('is saved per user at once, and a user who signs in inherits their anonymous state (a tour in progress carries on)', () => {
    updateTourState('anon-1', (st) => void (st.a = { t: 'welcome', i: 2, v: 2 }));
    expect(JSON.parse(localStorage.getItem(tourStateKey('anon-1'))!)).toEqual({ a: { t: 'welcome', i: 2, v: 2 }, r: {} });
    expect(readTourState('u1', 'anon-1').a).toEqual({ t: 'welcome', i: 2, v: 2 });
    updateTourState('u1', (st) => ((st.r.welcome = { how: 'completed', at: NOW }), delete st.a), 'anon-1');
    expect(readTourState('u1', 'anon-1')).toEqual({ r: { welcome: { how: 'completed', at: NOW } } });
  });

  it('treats broken storage as empty state', () => {
    localStorage.setItem(tourStateKey('u2'), '{"a":1}');
    expect(readTourState('u2')).toEqual({ r: {} });
    localStorage.setItem(tourStateKey('u2'), 'not json');
    expect(readTourState('u2')).toEqual({ r: {} });
  });
});
