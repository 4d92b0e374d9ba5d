import type { HealthConfig } from '../config/configSchema.js';
import type { AccountInputs } from '../store/queryTypes.js';
import { round } from './ttvReport.js';

export interface HealthComponents {
  /** Days with any activity in the window / window days. */
  activity: number;
  /** Features the account used in the window / features anyone used in the window. */
  breadth: number;
  /** Share of the account's users who reached value (ever). */
  onboarding: number;
  /** Mean survey answer scaled to 0..1 (NPS s/10, CSAT (s−1)/4, CES (s−1)/6); 0.5 without answers. */
  sentiment: number;
  /** 1 − min(1, friction events per active user-day / frictionCeiling). */
  friction: number;
}

/** Neutral sentiment for accounts that never answered: silence is not a complaint. */
export const NO_ANSWER_SENTIMENT = 0.5;

export function healthComponents(a: AccountInputs, cfg: HealthConfig): HealthComponents {
  const perDay = a.activeUserDays ? a.frictionEvents / a.activeUserDays : 0;
  return {
    activity: Math.min(1, a.activeDays / cfg.windowDays),
    breadth: a.totalFeatures ? a.featuresUsed / a.totalFeatures : 0,
    onboarding: a.users ? a.usersReachedValue / a.users : 0,
    sentiment: a.sentiment ?? NO_ANSWER_SENTIMENT,
    friction: 1 - Math.min(1, perDay / cfg.frictionCeiling),
  };
}

/** score = 100 × Σ wᵢ·cᵢ / Σ wᵢ, so weights need not add up to 1. */
export function healthScore(c: HealthComponents, weights: HealthConfig['weights']): number {
  let sum = 0;
  let total = 0;
  for (const k of Object.keys(weights) as (keyof HealthComponents)[]) {
    sum += weights[k] * c[k];
    total += weights[k];
  }
  return total ? round((100 * sum) / total, 1) : 0;
}
