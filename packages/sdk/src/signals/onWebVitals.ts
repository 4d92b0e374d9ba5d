import type { PluginApi } from '../types.js';
import { onVitals } from './vitals.js';

/** Reports each web vital as a `Web Vital` event (measured in the core: see vitals.ts). */
export const onWebVitals = (api: PluginApi): (() => void) => onVitals((p) => api.track('Web Vital', p));
