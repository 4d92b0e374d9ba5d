import type { PluginApi } from '../types.js';
import { guard } from './guard.js';

export type VitalsModule = typeof import('./vitals.js');

/**
 * Loads the web-vitals part on demand and reports each metric as a `Web Vital` event. A
 * page whose CSP or network refuses the extra file simply has no web vitals.
 */
export function onWebVitals(api: PluginApi, load: () => Promise<VitalsModule>): () => void {
  let live = true;
  load().then(
    guard((m: VitalsModule) => m.onVitals((p) => live && api.track('Web Vital', p))),
    () => {},
  );
  return () => {
    live = false;
  };
}
