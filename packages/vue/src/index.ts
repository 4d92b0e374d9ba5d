export { sabu } from './plugin.js';
export { useSabu, useTrack, useIdentify, useFeature } from './composables.js';
export { useAskSurvey, useChecklist, useSurvey, useTour } from './useGuidance.js';
export { useSabuPageViews } from './pageViews.js';
export type { SabuOptions } from './plugin.js';
export type { Sabu } from './composables.js';
export type { RouterLike } from './pageViews.js';
