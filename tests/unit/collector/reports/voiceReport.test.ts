// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { summarise } from '../../../../packages/collector/src/reports/voiceReport.js';

describe('summarise', () => {
  it('NPS: promoters 9–10 minus detractors 0–6, boundaries included', () => {
    expect(summarise('nps', [10, 9, 8, 7, 6, 0])).toMatchObject({ responses: 6, score: 0, counts: { promoters: 2, passives: 2, detractors: 2 } });
    expect(summarise('nps', [9, 9, 9]).score).toBe(100);
    expect(summarise('nps', [6]).score).toBe(-100);
  });
  it('CSAT: share of 4 and 5', () => {
    expect(summarise('csat', [5, 4, 3, 1])).toMatchObject({ score: 50, mean: 3.25, counts: { satisfied: 2, unsatisfied: 2 } });
  });
  it('CES: the mean, with 5–7 counted as easy', () => {
    expect(summarise('ces', [7, 5, 4])).toMatchObject({ score: 5.33, counts: { easy: 2, notEasy: 1 } });
  });
  it('is zero with no answers', () => {
    expect(summarise('nps', [])).toMatchObject({ responses: 0, score: 0 });
  });
});
