/**
 * The on-demand part of web vitals (web-vitals' attribution build, about 5 KB): loaded by
 * a dynamic import after `init()`, never in the core bundle. For the script tag it is
 * built to dist/sabu-vitals.js, next to sabu.min.js.
 */
import { onCLS, onFCP, onINP, onLCP, onTTFB, type MetricWithAttribution } from 'web-vitals/attribution';

/** Element selectors web-vitals attributes each metric to (the INP target for slow interactions). */
function selectorOf(m: MetricWithAttribution): string | undefined {
  const a = m.attribution as { target?: string; interactionTarget?: string; largestShiftTarget?: string };
  return a.target || a.interactionTarget || a.largestShiftTarget || undefined;
}

/** Calls `report` with the properties of a `Web Vital` event for LCP, INP, CLS, FCP and TTFB. */
export function onVitals(report: (properties: Record<string, unknown>) => void): void {
  const send = (m: MetricWithAttribution) => {
    // CLS is a unitless score; the others are milliseconds.
    const round = (v: number) => (m.name == 'CLS' ? Math.round(v * 1e4) / 1e4 : Math.round(v));
    const selector = selectorOf(m);
    report({ name: m.name, value: round(m.value), rating: m.rating, delta: round(m.delta), id: m.id, navigationType: m.navigationType, ...(selector ? { selector } : {}) });
  };
  for (const on of [onCLS, onFCP, onINP, onLCP, onTTFB]) on(send);
}
