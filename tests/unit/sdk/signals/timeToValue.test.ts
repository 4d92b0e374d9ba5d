import { describe, expect, it } from 'vitest';
import { firstValue, isoWeek, isValueEvent, parseDate, startOf } from '../../../../packages/sdk/src/signals/timeToValue';

const DAY = 86_400_000;

describe('time to first value', () => {
  it('starts at the signup trait when identify gave one, in any common form', () => {
    const t = Date.UTC(2026, 10, 20);
    expect(startOf({ created_at: new Date(t).toISOString() }, 5)).toEqual({ start: t, from: 'signup' });
    expect(startOf({ signed_up_at: t }, 5)).toEqual({ start: t, from: 'signup' });
    expect(startOf({ created_at: t / 1000 }, 5)).toEqual({ start: t, from: 'signup' });
  });
  it('falls back to the first time Sabu saw the user', () => {
    expect(startOf({}, 1234)).toEqual({ start: 1234, from: 'first_seen' });
    expect(startOf({ created_at: 'not a date' }, 1234)).toEqual({ start: 1234, from: 'first_seen' });
    expect(parseDate(undefined)).toBeNaN();
  });
  it('computes ttv_ms and the ISO-week cohort of the start', () => {
    const start = Date.UTC(2026, 10, 23, 9); // a Monday
    expect(firstValue({ event: 'Report Created' }, { created_at: start }, 0, start + 2 * DAY)).toEqual({
      ttv_ms: 2 * DAY,
      from: 'signup',
      cohort: '2026-W48',
      value_event: 'Report Created',
    });
  });
  it('uses a trait as the cohort with cohortBy, null when the user has none', () => {
    expect(firstValue({ event: 'X', cohortBy: 'plan' }, { plan: 'pro' }, 0, 10).cohort).toBe('pro');
    expect(firstValue({ event: 'X', cohortBy: 'plan' }, {}, 0, 10).cohort).toBeNull();
  });
  it('never reports a negative time (a clock behind the signup date)', () => {
    expect(firstValue({ event: 'X' }, { created_at: 5000 * 1000 }, 0, 1000).ttv_ms).toBe(0);
  });
  it('numbers ISO weeks across year boundaries', () => {
    expect(isoWeek(Date.UTC(2026, 0, 1))).toBe('2026-W01'); // Thursday
    expect(isoWeek(Date.UTC(2027, 0, 1))).toBe('2026-W53'); // Friday of 2026's last week
    expect(isoWeek(Date.UTC(2024, 11, 30))).toBe('2025-W01'); // Monday
    expect(isoWeek(Date.UTC(2026, 10, 29))).toBe('2026-W48'); // Sunday
  });
  it('matches the value event by name and every `where` property', () => {
    const o = { event: 'Report Created', where: { sample: false } };
    expect(isValueEvent(o, 'Report Created', { sample: false, n: 1 })).toBe(true);
    expect(isValueEvent(o, 'Report Created', { sample: true })).toBe(false);
    expect(isValueEvent(o, 'Report Created', undefined)).toBe(false);
    expect(isValueEvent(o, 'Report Viewed', { sample: false })).toBe(false);
    expect(isValueEvent({ event: 'A' }, 'A', undefined)).toBe(true);
  });
});
