export { MAX_EVENT_BYTES, MAX_BATCH_BYTES } from './limits.js';
export {
  campaignSchema,
  contextSchema,
  trackSchema,
  identifySchema,
  groupSchema,
  pageSchema,
  messageSchema,
} from './event.js';
export type {
  SabuContext,
  TrackMessage,
  IdentifyMessage,
  GroupMessage,
  PageMessage,
  SabuMessage,
  MessageType,
} from './event.js';
export { batchSchema } from './batch.js';
export type { SabuBatch } from './batch.js';
export { configSchema } from './config.js';
export type { ConfigInput } from './config.js';
export { flowSchema, flowStepSchema, flowsSchema } from './flow.js';
export type { Flow, FlowStepInput } from './flow.js';
