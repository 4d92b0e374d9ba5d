export { init, track, page, group, reset, flush, optOut, optIn, consent, status, feature } from './api.js';
export { identify } from './guidance/state/identifyEsm.js';
export { survey } from './guidance/survey/surveyEsm.js';
export { checklist } from './guidance/checklist/checklistEsm.js';
export { playbook } from './guidance/playbook/playbookEsm.js';
export { startOnce } from './startOnce.js';
export type { StartOnceConfig } from './startOnce.js';
export { tour } from './guidance/tour/tourEsm.js';
export type {
  SabuConfig,
  IdentifyOptions,
  SabuPlugin,
  PluginApi,
  SabuStatus,
  Properties,
  FormatFunction,
  SabuMessage,
} from './types.js';
