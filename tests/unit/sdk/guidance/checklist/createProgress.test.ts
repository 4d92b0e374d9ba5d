import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createProgress, progressKey } from '../../../../../packages/sdk/src/guidance/checklist/createProgress';

const NOW = Date.UTC(2026, 10, 24);
const stored = (user = 'u1') => JSON.parse(localStorage.getItem(progressKey('onboarding', user)) ?? 'null');

describe('checklist progress', () => {
  beforeEach(() => {
    localStorage.clear();
    vi.useFakeTimers({ now: NOW });
  });
  afterEach(() => vi.useRealTimers());

  it('starts fresh, and writes after the current task rather than on each change', () => {
    const p = createProgress('onboarding', 1, 'u1', NOW);
    expect(p.state).toEqual({ v: 1, start: NOW, met: {}, done: {} });
    p.state.done.a = NOW;
    p.save();
    p.state.done.b = NOW;
    p.save();
    expect(stored()).toBeNull(); // not yet: off the hot path
    vi.runAllTimers();
    expect(stored().done).toEqual({ a: NOW, b: NOW });
  });

  it('is kept per user and per checklist version; a new version starts over', () => {
    const p = createProgress('onboarding', 1, 'u1', NOW);
    p.state.done.a = NOW;
    p.flush();
    expect(createProgress('onboarding', 1, 'u1', NOW + 5).state.done).toEqual({ a: NOW });
    expect(createProgress('onboarding', 1, 'u2', NOW).state.done).toEqual({});
    const v2 = createProgress('onboarding', 2, 'u1', NOW + 9);
    expect(v2.state).toMatchObject({ v: 2, start: NOW + 9, done: {} });
  });

  it('sees an item another tab completed (so its event is not sent twice)', () => {
    const here = createProgress('onboarding', 1, 'u1', NOW);
    const there = createProgress('onboarding', 1, 'u1', NOW);
    expect(here.doneElsewhere('a')).toBe(false);
    there.state.done.a = NOW;
    there.flush();
    expect(here.doneElsewhere('a')).toBe(true);
  });

  it('takes what another tab completed from its storage event', () => {
    const here = createProgress('onboarding', 1, 'u1', NOW);
    here.state.done.a = NOW;
    expect(here.merge(JSON.stringify({ v: 1, start: NOW, met: {}, done: { b: NOW + 1 } }))).toBe(true);
    expect(here.state.done).toEqual({ a: NOW, b: NOW + 1 });
    expect(here.merge(JSON.stringify({ v: 2, start: NOW, met: {}, done: { c: NOW } }))).toBe(false); // another version
    expect(here.merge('{broken')).toBe(false);
    expect(here.merge(null)).toBe(false);
  });

  it('survives unreadable stored data and a storage that throws', () => {
    localStorage.setItem(progressKey('onboarding', 'u1'), '{not json');
    expect(createProgress('onboarding', 1, 'u1', NOW).state.done).toEqual({});
    const set = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    const p = createProgress('onboarding', 1, 'u1', NOW);
    p.state.done.a = NOW;
    expect(() => p.flush()).not.toThrow();
    set.mockRestore();
  });
});
