import type { PluginApi, SabuPlugin } from '../types.js';
import { markFirstUse, onFeatures } from './onFeatures.js';
import { onErrors } from './onErrors.js';
import { onFlows } from './onFlows.js';
import { onForms } from './onForms.js';
import { onFrictionClicks } from './onFrictionClicks.js';
import { onValue, valueMessageId } from './onValue.js';
import { onWebVitals, type VitalsModule } from './onWebVitals.js';
import { resolveOptions } from './resolveOptions.js';
import type { FlowDefinition, SignalsOptions, ValueOptions } from './types.js';
import { validateFlows } from './validateFlows.js';

/** The part of the configuration signals read. */
export interface SignalsConfig {
  signals?: SignalsOptions | boolean;
  flows?: FlowDefinition[];
  value?: ValueOptions;
  endpoint?: string;
  trackPages?: boolean;
}

/**
 * The signals plugin, with the way to load the web-vitals part injected (a chunk for ESM
 * builds, a file next to sabu.min.js for the script tag). Reads `signals`, `flows` and
 * `value` from `config`, or from the configuration given to `init()` when omitted; each
 * detector that is off adds no listener at all.
 */
export function createSignals(config: SignalsConfig | undefined, loadVitals: () => Promise<VitalsModule>): SabuPlugin {
  return {
    name: 'signals',
    setup(api: PluginApi) {
      if (typeof window == 'undefined') return;
      const c = (config ?? api.config) as SignalsConfig;
      const flows = validateFlows(c.flows);
      const o = resolveOptions(c.signals, c.value);
      const offs = [flows.length ? onFlows(api, flows) : null, o._value ? onValue(api, o._value) : null];
      if (o._on) {
        if (o._features) offs.push(onFeatures(api));
        if (o._rage || o._dead) offs.push(onFrictionClicks(api, o._rage, o._dead, c.endpoint ?? api.config.endpoint));
        if (o._errors) offs.push(onErrors(api, o._errors));
        if (o._forms) offs.push(onForms(api));
        if (o._vitals) offs.push(onWebVitals(api, loadVitals));
      }
      return () => offs.forEach((off) => off?.());
    },
    beforeSend: (m) => valueMessageId(markFirstUse(m)),
  };
}
