import type { PluginApi, SabuMessage, SabuPlugin } from '../types.js';
import type { startFlowsAndValue } from './flowsAndValue.js';
import { guard } from './guard.js';
import { markFirstUse, onFeatures } from './onFeatures.js';
import { onErrors } from './onErrors.js';
import { onForms } from './onForms.js';
import { onFrictionClicks } from './onFrictionClicks.js';
import { onWebVitals } from './onWebVitals.js';
import { resolveOptions } from './resolveOptions.js';
import { getUserRecord } from './userMemory.js';
import { whenNeeded } from './whenNeeded.js';
import type { FlowDefinition, SignalsOptions, ValueOptions } from './types.js';

/** The part of the configuration signals read. */
export interface SignalsConfig {
  signals?: SignalsOptions | boolean;
  flows?: FlowDefinition[];
  value?: ValueOptions;
  endpoint?: string;
  trackPages?: boolean;
}

/** How the on-demand part is loaded: a chunk for ESM builds, a file beside sabu.min.js for the script tag. */
export interface SignalsLoaders {
  flows: () => Promise<{ startFlowsAndValue: typeof startFlowsAndValue; valueMessageId: (m: SabuMessage) => SabuMessage }>;
}

/**
 * Starts flows and time to first value once their code has loaded. Messages accepted
 * meanwhile (the first page view, calls replayed from the snippet) are kept and given to
 * them first, so nothing that happened before the load is missed.
 */
function startLater(api: PluginApi, c: SignalsConfig, load: SignalsLoaders['flows'], loaded: (m: Awaited<ReturnType<SignalsLoaders['flows']>>) => void): () => void {
  const early: SabuMessage[] = [];
  const stopBuffer = api.onMessage((m) => early.push(m));
  let stop: (() => void) | null = null;
  let live = true;
  load().then(
    guard((m: Awaited<ReturnType<SignalsLoaders['flows']>>) => {
      stopBuffer();
      if (!live) return;
      loaded(m);
      const replaying: PluginApi = { ...api, onMessage: (l) => (early.forEach(l), api.onMessage(l)) };
      stop = m.startFlowsAndValue(replaying, c.flows, c.value);
    }),
    stopBuffer,
  );
  return () => {
    live = false;
    stopBuffer();
    stop?.();
  };
}

/**
 * The signals plugin, with the way to load its on-demand parts injected. Reads `signals`,
 * `flows` and `value` from `config`, or from the configuration given to `init()` when
 * omitted; each detector that is off adds no listener at all.
 */
export function createSignals(config: SignalsConfig | undefined, load: SignalsLoaders): SabuPlugin {
  // Set once the flows part is loaded: only it emits First Value Reached, whose messageId it derives.
  let stamp = (m: SabuMessage) => m;
  return {
    name: 'signals',
    setup(api: PluginApi) {
      if (typeof window == 'undefined') return;
      const c = (config ?? api.config) as SignalsConfig;
      // Time to value's first-seen clock starts now, not when its code has loaded.
      const now = Date.now();
      const value = c.value != null;
      const flows = c.flows != null || value ? startLater(api, c, load.flows, (m) => (stamp = m.valueMessageId)) : null;
      // The rest at the first idle moment or the first event it needs (no storage read in init() either).
      const detectors =
        c.signals === false && !value
          ? null
          : whenNeeded(() => {
              if (value) getUserRecord(api.user(), now);
              const o = resolveOptions(c.signals);
              const offs: (() => void)[] = [];
              if (o._on) {
                if (o._features) offs.push(onFeatures(api));
                if (o._rage || o._dead) offs.push(onFrictionClicks(api, o._rage, o._dead, c.endpoint ?? api.config.endpoint));
                if (o._errors) offs.push(onErrors(api, o._errors));
                if (o._forms) offs.push(onForms(api));
                if (o._vitals) offs.push(onWebVitals(api));
              }
              return () => offs.forEach((off) => off());
            });
      return () => (flows?.(), detectors?.());
    },
    beforeSend: (m) => stamp(markFirstUse(m)),
  };
}
