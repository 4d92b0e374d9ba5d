/**
 * `@sabu/sdk/signals`: feature usage, friction (rage, dead and error clicks, abandoned
 * flows and forms), time to first value and web vitals, as ordinary events.
 * @example
 * import { init } from '@sabu/sdk';
 * import { signals } from '@sabu/sdk/signals';
 * init({ writeKey, endpoint, plugins: [signals()], value: { event: 'Report Created' } });
 */
import type { SabuPlugin } from '../types.js';
import { createSignals, type SignalsConfig } from './createSignals.js';

/**
 * The signals plugin. Reads `signals`, `flows` and `value` from the configuration given
 * to `init()` (or from `config` when given). Flows and time to first value, when
 * configured, load on demand as a separate chunk.
 */
export const signals = (config?: SignalsConfig): SabuPlugin => createSignals(config, { flows: () => import('./flowsAndValue.js') });

export type { SignalsConfig } from './createSignals.js';
export type {
  SignalsOptions,
  RageClickOptions,
  DeadClickOptions,
  ErrorOptions,
  FlowDefinition,
  FlowStep,
  ValueOptions,
} from './types.js';
