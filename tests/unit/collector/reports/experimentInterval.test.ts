// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { newcombeDifference, wilsonInterval } from '../../../../packages/collector/src/reports/experimentInterval.js';

/**
 * Published values: Newcombe RG. Two-sided confidence intervals for the single proportion
 * (Stat Med 1998;17:857–872, table I, method 3 = Wilson) and Interval estimation for the
 * difference between independent proportions (Stat Med 1998;17:873–890, table II,
 * method 10 = hybrid score), both to 4 decimals.
 */
describe('wilsonInterval', () => {
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i/%i → %f to %f', (x, n, low, high) => {
    const i = wilsonInterval(x, n)!;
    expect(i.low).toBeCloseTo(low, 4);
    expect(i.high).toBeCloseTo(high, 4);
  });
  it('has no interval for an empty arm', () => expect(wilsonInterval(0, 0)).toBeNull());
});

describe('newcombeDifference (variant − control)', () => {
  // Newcombe's table lists p₁ − p₂; the function takes control (p₂ there) first.
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [6, 7, 2, 7, 0.0582, 0.8062],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [0, 10, 0, 10, -0.2775, 0.2775],
  ])('%i/%i − %i/%i → %f to %f', (x1, n1, x2, n2, low, high) => {
    const d = newcombeDifference(x2, n2, x1, n1)!;
    expect(d.difference).toBeCloseTo(x1 / n1 - x2 / n2, 12);
    expect(d.low).toBeCloseTo(low, 4);
    expect(d.high).toBeCloseTo(high, 4);
  });
  it('is null when an arm is empty', () => expect(newcombeDifference(1, 2, 0, 0)).toBeNull());
});
