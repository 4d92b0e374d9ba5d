import { beforeEach, describe, expect, it } from 'vitest';
import type { Experiment } from '@sabu/schema';
import { _resetExposures, assignVariant, bucketOf, expose, withVariant, HOLDOUT } from '../../../../../packages/sdk/src/guidance/shared/experiment';
import { sampleOf } from '../../../../../packages/sdk/src/guidance/survey/surveyRules';

const N = 100_000;
const ids = Array.from({ length: N }, (_, i) => `user-${i}`);
const xp = (over: Partial<Experiment> = {}): Experiment => ({ id: 'short-checklist', variants: [{ id: 'control' }, { id: 'short' }], ...over });

/** Share of the ids in each arm. */
function shares(x: Experiment, users = ids): Record<string, number> {
  const n: Record<string, number> = {};
  for (const u of users) {
    const arm = assignVariant(x, u);
    n[arm] = (n[arm] ?? 0) + 1;
  }
  for (const k in n) n[k]! /= users.length;
  return n;
}

/**
 * Tolerance: with N = 100,000 and a share p, the standard error is sqrt(p(1-p)/N), at most
 * 0.0016; 0.008 is five of them, so a fair hash fails this less than once in a million runs.
 */
const TOL = 0.008;

describe('assignment', () => {
  it('splits 100,000 sequential ids evenly between equal variants', () => {
    const s = shares(xp());
    expect(Object.keys(s).sort()).toEqual(['control', 'short']);
    expect(Math.abs(s.control! - 0.5)).toBeLessThan(TOL);
  });

  it('follows the weights and the holdout share', () => {
    const s = shares(xp({ variants: [{ id: 'a', weight: 3 }, { id: 'b', weight: 1 }, { id: 'off', weight: 0 }], holdout: 0.2 }));
    expect(s.off).toBeUndefined();
    expect(Math.abs(s[HOLDOUT]! - 0.2)).toBeLessThan(TOL);
    expect(Math.abs(s.a! - 0.6)).toBeLessThan(TOL);
    expect(Math.abs(s.b! - 0.2)).toBeLessThan(TOL);
  });

  it('puts everyone in the holdout at holdout 1, and no one at 0', () => {
    expect(shares(xp({ holdout: 1 }), ids.slice(0, 1000))).toEqual({ [HOLDOUT]: 1 });
    expect(shares(xp({ holdout: 0 }), ids.slice(0, 1000))[HOLDOUT]).toBeUndefined();
  });

  it('is stable: the same user gets the same arm on every call (every page, every device)', () => {
    const x = xp({ variants: [{ id: 'a' }, { id: 'b' }, { id: 'c' }], holdout: 0.1 });
    const first = ids.slice(0, 2000).map((u) => assignVariant(x, u));
    expect(ids.slice(0, 2000).map((u) => assignVariant({ ...x, variants: [...x.variants] }, u))).toEqual(first);
    expect(bucketOf('user-7', 'e')).toBe(bucketOf('user-7', 'e'));
  });

  it('keeps experiments independent: the arm in one says nothing about the arm in another', () => {
    const a = xp({ id: 'exp-a' });
    const b = xp({ id: 'exp-b' });
    let both = 0;
    let inA = 0;
    for (const u of ids) {
      const x = assignVariant(a, u) == 'short';
      if (x) inA++;
      if (x && assignVariant(b, u) == 'short') both++;
    }
    // P(short in b | short in a) must stay 0.5.
    expect(Math.abs(both / inA - 0.5)).toBeLessThan(TOL * 1.5);
  });

  it('is independent of a survey sample of the same id', () => {
    let sampled = 0;
    let sampledShort = 0;
    for (const u of ids) {
      if (sampleOf(u, 'nps') >= 0.5) continue;
      sampled++;
      if (assignVariant(xp({ id: 'nps' }), u) == 'short') sampledShort++;
    }
    expect(Math.abs(sampledShort / sampled - 0.5)).toBeLessThan(TOL * 1.5);
  });

  it('applies the variant overrides to top-level fields only, and nothing for the control or the holdout', () => {
    const def = { id: 'c', title: 'Long', items: [1, 2, 3], experiment: xp({ variants: [{ id: 'control' }, { id: 'short', overrides: { items: [1] } }] }) };
    expect(withVariant(def, 'short')).toMatchObject({ title: 'Long', items: [1] });
    expect(withVariant(def, 'control')).toBe(def);
    expect(withVariant(def, HOLDOUT)).toBe(def);
  });
});

describe('exposure', () => {
  let sent: [string, Record<string, unknown>][];
  const who = { userId: null as string | null, anonymousId: 'anon-1' };
  const api = { user: () => ({ ...who, groupId: null, traits: {} }), track: (e: string, p: Record<string, unknown>) => sent.push([e, p]) } as any;

  beforeEach(() => {
    localStorage.clear();
    _resetExposures();
    sent = [];
    who.userId = null;
    who.anonymousId = 'anon-1';
  });

  it('sends Experiment Exposed once per user and experiment, across reloads', () => {
    const x = xp();
    const arm = expose(api, x);
    expect(arm).toBe(assignVariant(x, 'anon-1'));
    expect(expose(api, x)).toBe(arm);
    expect(sent).toEqual([['Experiment Exposed', { experiment: 'short-checklist', variant: arm }]]);
    expect(expose(api, xp({ id: 'other' }))).toBe(assignVariant(xp({ id: 'other' }), 'anon-1'));
    expect(sent).toHaveLength(2);
  });

  it('sends the holdout arm too: holdout users are measured', () => {
    expect(expose(api, xp({ holdout: 1 }))).toBe(HOLDOUT);
    expect(sent).toEqual([['Experiment Exposed', { experiment: 'short-checklist', variant: HOLDOUT }]]);
  });

  it('keeps the arm assigned before identify() for the signed-in user on this browser, without a second exposure', () => {
    const x = xp();
    // Find a user id whose own arm differs from the anonymous one, to prove the carry-over.
    const anonArm = assignVariant(x, 'anon-1');
    const uid = ids.find((u) => assignVariant(x, u) != anonArm)!;
    expose(api, x);
    who.userId = uid;
    expect(expose(api, x)).toBe(anonArm);
    expect(sent).toHaveLength(1);
    // On another device (no anonymous history), the user id decides.
    localStorage.clear();
    _resetExposures();
    who.anonymousId = 'anon-2';
    expect(expose(api, x)).toBe(assignVariant(x, uid));
    expect(sent).toHaveLength(2);
  });

  it('assigns afresh when the stored arm was removed from the definition', () => {
    localStorage.setItem('sabu_xp:anon-1', JSON.stringify({ 'short-checklist': 'gone' }));
    expect(['control', 'short']).toContain(expose(api, xp()));
    expect(sent).toHaveLength(1);
  });
});
