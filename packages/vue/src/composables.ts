import { consent, feature, flush, group, identify, optIn, optOut, page, reset, status, track, type Properties } from '@sabu/sdk';
import { toValue, type MaybeRefOrGetter } from 'vue';

/** The SDK's calls; the SDK is one per page, so these are plain functions, safe to pass around. */
const api = { track, page, identify, group, reset, feature, flush, status, consent, optIn, optOut };
export type Sabu = typeof api;

/** The SDK's calls: `const { track, identify } = useSabu()`. */
export const useSabu = (): Sabu => api;
/** `track(event, properties)`. */
export const useTrack = (): typeof track => track;
/** `identify(userId, traits)`. */
export const useIdentify = (): typeof identify => identify;

/**
 * A function that records a use of feature `name` (a ref or getter is read at each use):
 * `Feature Used { feature }`; with the signals plugin the event carries `first_use`, true
 * the first time this user used it. Uses before Sabu started are kept.
 * @example const markExport = useFeature('export-csv'); <button @click="markExport()">
 */
export const useFeature =
  (name: MaybeRefOrGetter<string>) =>
  (properties?: Properties): void =>
    feature(toValue(name), properties);
