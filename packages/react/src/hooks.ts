import { consent, feature, flush, group, identify, optIn, optOut, page, reset, status, track, type Properties } from '@sabu/sdk';
import { useCallback } from 'react';

/** The SDK's calls. The SDK is one per page, so these never change identity (safe in dependency arrays). */
const sabu = { track, page, identify, group, reset, feature, flush, status, consent, optIn, optOut };
export type Sabu = typeof sabu;

/** The SDK's calls: `const { track, identify } = useSabu()`. */
export const useSabu = (): Sabu => sabu;
/** `track(event, properties)`, stable across renders. */
export const useTrack = (): typeof track => track;
/** `identify(userId, traits)`, stable across renders. */
export const useIdentify = (): typeof identify => identify;

/**
 * A function that records a use of feature `name` (`Feature Used { feature }`); with the
 * signals plugin the event carries `first_use`, true the first time this user used it.
 * Calls made before the provider started are kept, so a use on first render counts.
 * @example const markExport = useFeature('export-csv'); <button onClick={() => markExport()}>
 */
export function useFeature(name: string): (properties?: Properties) => void {
  return useCallback((properties?: Properties) => feature(name, properties), [name]);
}
