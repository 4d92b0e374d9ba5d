import type { Store } from '../store/Store.js';
import type { ReportQuery } from '../store/queryTypes.js';

/**
 * Web-vitals thresholds (good ≤ first, poor > second), from web.dev/articles/vitals:
 * a page's p75 is rated like a single sample.
 */
export const VITAL_THRESHOLDS: Record<string, [number, number]> = {
  LCP: [2500, 4000],
  INP: [200, 500],
  CLS: [0.1, 0.25],
  FCP: [1800, 3000],
  TTFB: [800, 1800],
  FID: [100, 300],
};

export type Rating = 'good' | 'needs-improvement' | 'poor';

export function rate(name: string, value: number): Rating | null {
  const t = VITAL_THRESHOLDS[name];
  if (!t) return null;
  return value <= t[0] ? 'good' : value <= t[1] ? 'needs-improvement' : 'poor';
}

/** Rage/dead/error clicks by page and element, abandoned flows by step and forms by last field, slow pages by p75. */
export async function frictionReport(store: Store, q: ReportQuery) {
  const d = await store.frictionData(q);
  return {
    clicks: d.clicks,
    flows: d.flows,
    forms: d.forms,
    vitals: d.vitals.map((v) => ({ ...v, p75: Math.round(v.p75 * 1000) / 1000, rating: rate(v.name, v.p75) })),
  };
}
