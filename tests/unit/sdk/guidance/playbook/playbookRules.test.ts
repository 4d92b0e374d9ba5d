import { afterEach, describe, expect, it } from 'vitest';
import type { Playbook, PlaybookWhen } from '@sabu/schema';
import { addOccurrence, atSessionStart, counts, reasonOf, whyNot, type SessionFacts, type SeenEvent } from '../../../../../packages/sdk/src/guidance/playbook/playbookRules';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 10, 30, 9);
const ev = (name: string, properties: Record<string, unknown> = {}, href = 'https://app.test/billing'): SeenEvent => ({ name, properties, href });
const pb = (over: Partial<Playbook> = {}): Playbook => ({ id: 'p', when: { friction: 'rage', count: 3 }, do: { event: 'Help' }, ...over });

/** Feeds occurrence times (s) to a threshold; returns at which ones it crossed. */
function crossings(w: PlaybookWhen, seconds: number[]): number[] {
  let times: number[] = [];
  const out: number[] = [];
  for (const s of seconds) {
    const r = addOccurrence(w, times, NOW + s * 1000);
    times = r.crossed ? [] : r.times;
    if (r.crossed) out.push(s);
  }
  return out;
}

describe('thresholds: N occurrences within T seconds', () => {
  it('crosses at the Nth occurrence within the window, not before', () => {
    expect(crossings({ friction: 'rage', count: 3, withinSeconds: 60 }, [0, 10, 20])).toEqual([20]);
    expect(crossings({ friction: 'rage', count: 3, withinSeconds: 60 }, [0, 10])).toEqual([]);
  });

  it('counts only occurrences inside the window: at the boundary it has expired', () => {
    expect(crossings({ friction: 'rage', count: 3, withinSeconds: 60 }, [0, 30, 60])).toEqual([]); // the first is exactly 60 s old
    expect(crossings({ friction: 'rage', count: 3, withinSeconds: 60 }, [0, 30, 59.999])).toEqual([59.999]);
    expect(crossings({ friction: 'rage', count: 3, withinSeconds: 60 }, [0, 30, 61, 62])).toEqual([62]);
  });

  it('starts counting afresh after crossing', () => {
    expect(crossings({ event: 'X', count: 2, withinSeconds: 100 }, [0, 1, 2, 3, 4])).toEqual([1, 3]);
  });

  it('defaults to one occurrence (fires on each) and a 60 s window', () => {
    expect(crossings({ flowAbandoned: '*' }, [0, 5])).toEqual([0, 5]);
    expect(crossings({ event: 'X', count: 2 }, [0, 59, 200, 261])).toEqual([59]);
  });

  it('keeps at most count times (bounded state), and ignores times from the future', () => {
    expect(addOccurrence({ event: 'X', count: 2 }, [NOW - 3, NOW - 2, NOW - 1], NOW).times).toEqual([NOW - 1, NOW]);
    expect(addOccurrence({ event: 'X', count: 2 }, [NOW + 5000], NOW)).toEqual({ times: [NOW], crossed: false });
  });
});

describe('which events count', () => {
  afterEach(() => void (document.body.innerHTML = ''));

  it('friction: the kind, the page pattern and the element', () => {
    document.body.innerHTML = '<form id="checkout"><button id="pay"><span class="label">Pay</span></button></form><button id="other">x</button>';
    const w: PlaybookWhen = { friction: 'rage', count: 3, page: '/billing*', element: '#pay' };
    expect(counts(w, ev('Rage Click', { selector: '#pay', page: '/billing' }))).toBe(true);
    expect(counts(w, ev('Rage Click', { selector: '#pay > span.label' }))).toBe(true); // inside the element
    expect(counts(w, ev('Rage Click', { selector: '#other' }))).toBe(false);
    expect(counts(w, ev('Rage Click', { selector: '#gone' }))).toBe(false); // no longer in the page
    expect(counts(w, ev('Rage Click', { selector: '##bad' }))).toBe(false);
    expect(counts(w, ev('Dead Click', { selector: '#pay' }))).toBe(false);
    expect(counts(w, ev('Rage Click', { selector: '#pay' }, '/settings'))).toBe(false);
    expect(counts({ friction: 'error' }, ev('Error Click'))).toBe(true);
    expect(counts({ friction: 'dead' }, ev('Dead Click'))).toBe(true);
  });

  it('events with properties (the shared rule language), abandoned flows and forms', () => {
    const w: PlaybookWhen = { event: 'Export Failed', properties: { format: ['csv', 'xlsx'] } };
    expect(counts(w, ev('Export Failed', { format: 'csv', size: 3 }))).toBe(true);
    expect(counts(w, ev('Export Failed', { format: 'pdf' }))).toBe(false);
    expect(counts(w, ev('Export Done', { format: 'csv' }))).toBe(false);
    expect(counts({ flowAbandoned: 'setup' }, ev('Flow Abandoned', { flow: 'setup' }))).toBe(true);
    expect(counts({ flowAbandoned: 'setup' }, ev('Flow Abandoned', { flow: 'invite' }))).toBe(false);
    expect(counts({ flowAbandoned: '*' }, ev('Flow Abandoned', { flow: 'invite' }))).toBe(true);
    expect(counts({ formAbandoned: 'signup' }, ev('Form Abandoned', { form: 'signup' }))).toBe(true);
    expect(counts({ formAbandoned: 'signup' }, ev('Flow Abandoned', { flow: 'signup' }))).toBe(false);
    expect(counts({ noValueAfterDays: 3 }, ev('Rage Click'))).toBe(false); // session-start kinds never count events
  });

  it('names the reason', () => {
    expect([{ friction: 'dead' }, { event: 'X' }, { flowAbandoned: '*' }, { formAbandoned: '*' }, { noValueAfterDays: 1 }, { featureNotUsed: 'x', afterSessions: 2 }].map((w) => reasonOf(w as PlaybookWhen))).toEqual([
      'dead', 'event', 'flowAbandoned', 'formAbandoned', 'noValue', 'featureNotUsed',
    ]);
  });
});

describe('session-start conditions', () => {
  const facts = (over: Partial<SessionFacts> = {}): SessionFacts => ({ sessions: 1, signup: NOW - 8 * DAY, valueReached: false, used: () => false, now: NOW, ...over });

  it('no first value D days after signup: at D, not before, never once value is reached or when signup is unknown', () => {
    const w = { noValueAfterDays: 7 };
    expect(atSessionStart(w, facts())).toEqual({ days: 8, threshold: 7 });
    expect(atSessionStart(w, facts({ signup: NOW - 7 * DAY }))).toEqual({ days: 7, threshold: 7 });
    expect(atSessionStart(w, facts({ signup: NOW - 7 * DAY + 1 }))).toBeNull();
    expect(atSessionStart(w, facts({ valueReached: true }))).toBeNull();
    expect(atSessionStart(w, facts({ signup: NaN }))).toBeNull();
  });

  it('a feature not used by the Nth session', () => {
    const w = { featureNotUsed: 'export', afterSessions: 5 };
    expect(atSessionStart(w, facts({ sessions: 4 }))).toBeNull();
    expect(atSessionStart(w, facts({ sessions: 5 }))).toEqual({ sessions: 5, threshold: 5 });
    expect(atSessionStart(w, facts({ sessions: 9, used: (f) => f == 'export' }))).toBeNull();
  });
});

describe('cool-down and cap per user', () => {
  it('fires first, then not within the cool-down, then again after it', () => {
    const p = pb({ cooldownHours: 24 });
    expect(whyNot(p, undefined, NOW)).toBeNull();
    expect(whyNot(p, { at: NOW - 24 * HOUR + 1, n: 1 }, NOW)).toMatch(/cool-down/);
    expect(whyNot(p, { at: NOW - 24 * HOUR, n: 1 }, NOW)).toBeNull();
  });

  it('defaults to 24 hours; 0 means no cool-down', () => {
    expect(whyNot(pb(), { at: NOW - 23 * HOUR, n: 1 }, NOW)).toMatch(/cool-down/);
    expect(whyNot(pb({ cooldownHours: 0 }), { at: NOW, n: 1 }, NOW)).toBeNull();
  });

  it('stops at maxPerUser (default 3), whatever the time', () => {
    expect(whyNot(pb(), { at: NOW - 999 * DAY, n: 2 }, NOW)).toBeNull();
    expect(whyNot(pb(), { at: NOW - 999 * DAY, n: 3 }, NOW)).toMatch(/cap/);
    expect(whyNot(pb({ maxPerUser: 1 }), { at: NOW - 999 * DAY, n: 1 }, NOW)).toMatch(/cap/);
  });
});
