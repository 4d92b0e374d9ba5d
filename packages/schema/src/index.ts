export { MAX_EVENT_BYTES, MAX_BATCH_BYTES, MAX_ID_LENGTH, MAX_NAME_LENGTH, MAX_MESSAGE_ID_LENGTH } from './limits.js';
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
export { incomingMessageSchema, aliasSchema, screenSchema } from './incoming.js';
export type { IncomingMessage, AliasMessage, ScreenMessage } from './incoming.js';
export { batchSchema } from './batch.js';
export type { SabuBatch } from './batch.js';
export { configSchema } from './config.js';
export type { ConfigInput } from './config.js';
export { flowSchema, flowStepSchema, flowsSchema } from './flow.js';
export type { Flow, FlowStepInput } from './flow.js';
export { checklistSchema, checklistsSchema, itemSchema, actionSchema, MAX_ITEMS } from './checklist.js';
export type { Checklist, ChecklistInput, ChecklistItem, ChecklistAction, LocalizedText } from './checklist.js';
export { audienceSchema, conditionSchema, textSchema, EXPECTED, CONDITION_KINDS, ID_PATTERN, isSafeUrl } from './rules.js';
export type { Audience, Condition, MatchValue } from './rules.js';
export { surveySchema, triggerSchema, followUpSchema, SURVEY_SCALES, SURVEY_BUCKETS, SURVEY_EXPECTED, TRIGGER_KINDS, MAX_TRIGGERS, MAX_DELAY_SECONDS } from './survey.js';
export type { Survey, SurveyInput, SurveyTrigger, SurveyKind, SurveyBucket } from './survey.js';
export { tourSchema, tourStepSchema, tourFields, refineTour, guideTriggerSchema, GUIDE_TRIGGER_KINDS, MAX_STEPS, MAX_ANCHOR_WAIT_SECONDS, PLACEMENTS, ON_MISSING, TOUR_EXPECTED } from './tour.js';
export type { Tour, TourInput, TourStep, GuideTrigger } from './tour.js';
export { guideSchema, guideFields, guideActionSchema, GUIDE_KINDS } from './guide.js';
export type { Guide, GuideInput, GuideKind } from './guide.js';
export { validateDefinition, toJsonSchema, formatPath, DEFINITION_SCHEMAS } from './validate.js';
export type { DefinitionError, DefinitionKind } from './validate.js';
export { experimentSchema, variantSchema, refineVariants, HOLDOUT, MAX_VARIANTS, EXPERIMENT_EXPECTED } from './experiment.js';
export type { Experiment, ExperimentVariant } from './experiment.js';
export { playbookSchema, playbooksSchema, whenSchema, doSchema, hintSchema, WHEN_KINDS, DO_KINDS, PLAYBOOK_EXPECTED, MAX_COUNT, MAX_WINDOW_SECONDS } from './playbook.js';
export type { Playbook, PlaybookInput, PlaybookWhen, PlaybookDo } from './playbook.js';
