import type { UISource } from '../shared/loadUI.js';

/**
 * Starts loading `sabu-guides.js` together with `sabu-ui.js` rather than after it. The
 * guides chunk is imported by sabu-ui.js, so loaded in turn the first step waits for two
 * round trips (bench figure 7 with 100 ms of latency: 325 ms from the trigger to the first
 * step, against 20 ms once loaded). Both files sit side by side: beside this chunk for the
 * script tag, beside a `config.ui` URL; a `config.ui` function (bundlers) brings its own.
 * The browser keeps one copy of each module, so the later `loadGuides()` gets this one.
 * A failure here is silent: the ordinary load reports it.
 */
export function preloadGuides(source: UISource | undefined): void {
  if (typeof source == 'function') return;
  try {
    const ui = new URL(source ?? import.meta.url, location.href);
    import(/* @vite-ignore */ /* webpackIgnore: true */ new URL('sabu-guides.js', ui).href).catch(() => {});
  } catch {
    /* not a URL: the ordinary load says so */
  }
}
