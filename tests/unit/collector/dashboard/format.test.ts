import { describe, expect, it } from 'vitest';
// Plain browser modules of the dashboard (no build step); they touch no DOM at import.
// @ts-expect-error: plain .js without types
import { counts, duration, pct, words } from '../../../../packages/collector/dashboard/lib/format.js';
// @ts-expect-error: plain .js without types
import { uniqueLabels } from '../../../../packages/collector/dashboard/lib/charts.js';
// @ts-expect-error: plain .js without types
import { axisUnit } from '../../../../packages/collector/dashboard/views/ttv.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('dashboard formatting', () => {
  it('writes durations in the unit a person reads at a glance', () => {
    const cases: [number | null, string | null][] = [
      [null, null],
      [0, '0 s'],
      [59_000, '59 s'],
      [MIN, '1 min'],
      [59 * MIN, '59 min'],
      [HOUR, '1 h'],
      [1324 * MIN, '22 h'], // was "1324 min"
      [2 * DAY - 1, '48 h'],
      [2 * DAY, '2 days'],
      [352_773_186, '4.1 days'],
      [45 * DAY, '45 days'],
    ];
    for (const [ms, text] of cases) expect([ms, duration(ms)]).toEqual([ms, text]);
  });

  it('writes shares as percentages and keys as words', () => {
    expect(pct(0.4255)).toBe('42.6 %');
    expect(pct(1)).toBe('100 %');
    expect(pct(null)).toBe(null);
    expect(words('notEasy')).toBe('not easy');
    expect(words('first_use')).toBe('first use');
    expect(counts({ easy: 1200, notEasy: 3 })).toBe('easy 1,200 · not easy 3');
  });

  it('writes each tick label once when ticks are closer than the format shows', () => {
    const days = (d: number) => `${Math.round(d * 10) / 10} d`;
    expect(uniqueLabels([0, 0.02, 0.04, 0.06, 0.08, 0.1], days)).toEqual(['0 d', '', '', '0.1 d', '', '']);
    expect(uniqueLabels([0, 1, 2], days)).toEqual(['0 d', '1 d', '2 d']);
  });

  it('draws time to value in minutes or hours when every cohort got there within them', () => {
    expect(axisUnit(20 * MIN).name).toBe('minutes');
    expect(axisUnit(2 * HOUR).name).toBe('hours');
    expect(axisUnit(2 * DAY - 1).name).toBe('hours');
    expect(axisUnit(30 * DAY).name).toBe('days');
  });
});
