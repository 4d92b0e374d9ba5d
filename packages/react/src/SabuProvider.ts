import { createContext, createElement, useEffect, type ReactNode } from 'react';
import { startOnce, type StartOnceConfig } from '@sabu/sdk';

/** What `<SabuProvider config>` takes: the SDK's options, and `surveys` as the script tag's `data-surveys`. */
export type SabuOptions = StartOnceConfig;

/** The provider's options, for hooks that depend on them (router page views). */
export const SabuContext = createContext<SabuOptions | null>(null);

export interface SabuProviderProps {
  /** Options for the SDK's `init()`. Read once: later changes are ignored. */
  config: SabuOptions;
  children?: ReactNode;
}

/**
 * Starts Sabu once for the page, in an effect, so server rendering never touches `window`.
 * Children's effects run before it: their calls (and checklists and surveys registered by
 * hooks) wait in the SDK's pre-init buffer and replay in order. The SDK keeps running after
 * unmount: events queued for delivery are never dropped with a component.
 */
export function SabuProvider({ config, children }: SabuProviderProps) {
  useEffect(() => startOnce(config), []);
  return createElement(SabuContext.Provider, { value: config }, children);
}
