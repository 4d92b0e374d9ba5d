// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { observe } from '../../../../packages/collector/src/reports/ttvReport.js';

const subject = (o: Partial<Parameters<typeof observe>[0]>) => ({ personId: 'p', startAt: 1000, valueAt: null, reportedTtvMs: null, cohort: 'c', ...o });

describe('observe', () => {
  it('uses the SDK-measured ttv_ms when First Value Reached carried one', () => {
    expect(observe(subject({ valueAt: 9000, reportedTtvMs: 500 }), 10_000)).toEqual({ durationMs: 500, reached: true });
  });
  it('falls back to value time − start when ttv_ms is not a finite number ≥ 0 (text that cast to NaN or Infinity, a negative)', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -1]) {
      expect(observe(subject({ valueAt: 9000, reportedTtvMs: bad }), 10_000)).toEqual({ durationMs: 8000, reached: true });
    }
  });
  it('falls back to value time − start', () => {
    expect(observe(subject({ valueAt: 9000 }), 10_000)).toEqual({ durationMs: 8000, reached: true });
  });
  it('censors at asOf when value is not reached, or reached after asOf', () => {
    expect(observe(subject({}), 10_000)).toEqual({ durationMs: 9000, reached: false });
    expect(observe(subject({ valueAt: 20_000 }), 10_000)).toEqual({ durationMs: 9000, reached: false });
  });
  it('clamps value before signup to 0', () => {
    expect(observe(subject({ valueAt: 500 }), 10_000)).toEqual({ durationMs: 0, reached: true });
  });
});
