/**
 * Sabu's widgets: the module `sabu-ui.js` that the SDK loads lazily (its contract:
 * packages/sdk/src/guidance/shared/uiContract.ts). Also the building blocks every widget shares.
 */
export { mountChecklist } from './checklist/mountChecklist.js';
export type { ChecklistProps } from './checklist/types.js';
export { getHost, mountWidget, HOST_TAG } from './host/mountWidget.js';
export type { WidgetRoot } from './host/mountWidget.js';
export { adoptStyles } from './host/adoptStyles.js';
export { applyTheme, THEME_KEYS } from './host/applyTheme.js';
export { createAnnouncer } from './host/announce.js';
export { createT, pickText } from './i18n/createT.js';
export type { T } from './i18n/createT.js';
export { STRINGS } from './i18n/strings.js';
export { resolveLocale, isRtl } from './i18n/resolveLocale.js';
export { richText } from './text/RichText.js';
export type { UIOptions } from './types.js';
export { mountSurvey } from './survey/mountSurvey.js';
export { mountHint } from './hint/mountHint.js';
export type { HintProps } from './hint/mountHint.js';
export type { TourStepProps, GuideProps } from './tour/types.js';

/** Tours, hotspots, banners and announcements: a chunk of their own (positioning included), loaded on first use. */
export const loadGuides = () => import('./guides.js');

/** The UI chunk's version; the SDK and the chunk come from the same release. */
export const version: string = __VERSION__;
