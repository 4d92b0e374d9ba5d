// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { healthSchema } from '../../../../packages/collector/src/config/configSchema.js';
import { healthComponents, healthScore } from '../../../../packages/collector/src/reports/healthScore.js';

const cfg = healthSchema.parse({ windowDays: 10, frictionCeiling: 2 });
const inputs = { accountId: 'a', users: 4, activeDays: 5, featuresUsed: 3, totalFeatures: 6, usersReachedValue: 1, sentiment: 0.8, frictionEvents: 3, activeUserDays: 6 };

describe('health score', () => {
  it('computes each component from the documented formula', () => {
    expect(healthComponents(inputs, cfg)).toEqual({ activity: 0.5, breadth: 0.5, onboarding: 0.25, sentiment: 0.8, friction: 0.75 });
  });
  it('weights components: 100 × Σ wᵢcᵢ / Σ wᵢ with the default weights', () => {
    // 0.3·0.5 + 0.2·0.5 + 0.2·0.25 + 0.15·0.8 + 0.15·0.75 = 0.5325
    expect(healthScore(healthComponents(inputs, cfg), cfg.weights)).toBe(53.3);
  });
  it('takes custom weights that need not sum to 1', () => {
    const w = { activity: 2, breadth: 0, onboarding: 0, sentiment: 0, friction: 2 };
    expect(healthScore(healthComponents(inputs, cfg), w)).toBe(62.5);
    expect(healthScore(healthComponents(inputs, cfg), { activity: 0, breadth: 0, onboarding: 0, sentiment: 0, friction: 0 })).toBe(0);
  });
  it('treats no answers as neutral sentiment and caps friction and activity', () => {
    const c = healthComponents({ ...inputs, sentiment: null, frictionEvents: 100, activeDays: 30, totalFeatures: 0, users: 0 }, cfg);
    expect(c).toEqual({ activity: 1, breadth: 0, onboarding: 0, sentiment: 0.5, friction: 0 });
  });
});
