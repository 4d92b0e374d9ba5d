import type { App } from 'vue';
import { startOnce, type StartOnceConfig } from '@sabu/sdk';

/** What `app.use(sabu, config)` takes: the SDK's options, and `surveys` as the script tag's `data-surveys`. */
export type SabuOptions = StartOnceConfig;

/** The installed options, for page views (which count only when the SDK does not). */
export let installed: SabuOptions | undefined;

/**
 * `app.use(sabu, config)`. Sabu starts right after the current task, so after a
 * synchronous `app.mount()`: composables in the first render (a checklist, a survey)
 * register before `init()`, and their calls wait in the SDK's pre-init buffer. On the
 * server it does nothing (no `window`). The SDK keeps running after `app.unmount()`:
 * queued events are never dropped with an app.
 */
export const sabu = {
  install(_app: App, config: SabuOptions): void {
    if (typeof window == 'undefined') return;
    installed ??= config;
    queueMicrotask(() => startOnce(config));
  },
};
