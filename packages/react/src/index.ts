export { SabuProvider, SabuContext } from './SabuProvider.js';
export { useSabu, useTrack, useIdentify, useFeature } from './hooks.js';
export { useAskSurvey, useChecklist, useSurvey, useTour } from './useGuidance.js';
export { useSabuPageViews } from './usePageViews.js';
export type { SabuProviderProps } from './SabuProvider.js';
export type { SabuOptions } from './SabuProvider.js';
export type { Sabu } from './hooks.js';
export type { RouteLocation } from './usePageViews.js';
