import { messages, warnOnce } from '../../core/messages.js';
import type { SabuUI } from './uiContract.js';

/** File name of the UI chunk, served next to sabu.min.js. */
export const UI_FILE = 'sabu-ui.js';

/** Where the UI is: a URL, or (bundlers) a function such as `() => import('@sabu/ui')`. */
export type UISource = string | (() => Promise<SabuUI>);

let defaultSource: string | undefined;
let loading: Promise<SabuUI | null> | undefined;

/** The script-tag entry calls this with its own `src`, so the UI loads from the same folder. */
export function setScriptSrc(src: string | undefined): void {
  try {
    if (src) defaultSource = new URL(UI_FILE, src).href;
  } catch {
    /* not a URL: config.ui must say */
  }
}

/**
 * Loads the UI chunk once, with a dynamic `import()` (allowed by `script-src 'self'`
 * when it is served from the page's origin), and only when something must be shown.
 * Resolves with null, after one `[sabu]` error, when it cannot be loaded.
 */
export function loadUI(source: UISource | undefined = defaultSource): Promise<SabuUI | null> {
  return (loading ||= (async () => {
    try {
      if (typeof source == 'function') return await source();
      if (typeof source != 'string') throw new Error('no URL: set config.ui');
      return (await import(/* @vite-ignore */ /* webpackIgnore: true */ source)) as SabuUI;
    } catch (err) {
      warnOnce(messages.uiLoad(typeof source == 'string' ? source : 'config.ui', err), 'error');
      return null;
    }
  })());
}

/** @internal For tests: forget the loaded module and the default source. */
export function _resetUI(): void {
  loading = defaultSource = undefined;
}
