import { checklist, init, survey, type SabuConfig } from '@sabu/sdk';

/** What `app.use(sabu, config)` takes: the SDK's options, and `surveys` as the script tag's `data-surveys`. */
export type SabuOptions = SabuConfig & { surveys?: object | string | (object | string)[] };

let started = false;

/**
 * Starts the SDK once per page, in the browser only. The SDK is a page-wide singleton (its
 * queue must outlive any app), so a second install (HMR of the entry, two apps on a page)
 * is ignored instead of warning "init() called twice". The checklist and surveys are handed
 * to `checklist()` / `survey()` first: an `import` user's SDK only knows them when they were
 * registered before `init()`.
 */
export function startOnce(config: SabuOptions): void {
  if (started || typeof window == 'undefined') return;
  started = true;
  const { surveys, ...rest } = config;
  if (rest.checklist != null) checklist(rest.checklist);
  // One call per definition or URL; left out of init()'s config so none is added twice.
  for (const s of surveys == null ? [] : Array.isArray(surveys) && surveys.some((x) => typeof x == 'string') ? surveys : [surveys]) survey(s);
  init(rest);
}
