import { init } from './api.js';
import { checklist } from './guidance/checklist/checklistEsm.js';
import { survey } from './guidance/survey/surveyEsm.js';
import { playbook } from './guidance/playbook/playbookEsm.js';
import { tour } from './guidance/tour/tourEsm.js';
import type { SabuConfig } from './types.js';

/** What the framework bindings take: `init()`'s options, and `surveys` as the script tag's `data-surveys`. */
export type StartOnceConfig = SabuConfig & {
  /** Surveys to register before the SDK starts: definitions or URLs of their JSON. */
  surveys?: object | string | (object | string)[];
};

let started = false;

/**
 * Starts the SDK once per page, in the browser only; later calls do nothing. For framework
 * bindings (@sabu/react, @sabu/vue): React runs effects twice under StrictMode and again
 * after Fast Refresh, a layout may remount its provider, an entry may be hot-reloaded, and
 * a page may hold a React and a Vue app. The SDK is a page-wide singleton (its queue must
 * outlive any component), so each of them ends here and only the first starts it, instead
 * of a second `init()` warning "called twice". The checklist, surveys, playbooks, tours and
 * guides are handed to `checklist()` / `survey()` / `playbook()` / `tour()` first: an
 * `import` user's SDK only knows them when they were registered before `init()`.
 * @example startOnce({ writeKey: 'wk_live_123', surveys: ['/nps.json'] })
 */
export function startOnce(config: StartOnceConfig): void {
  if (started || typeof window == 'undefined') return;
  started = true;
  const { surveys, playbooks, tours, guides, ...rest } = config;
  for (const c of [rest.checklist, rest.checklists]) if (c != null) checklist(c as object);
  // One call per definition or URL; left out of init()'s config so none is added twice.
  for (const s of surveys == null ? [] : Array.isArray(surveys) && surveys.some((x) => typeof x == 'string') ? surveys : [surveys]) survey(s);
  if (playbooks != null) playbook(playbooks);
  // Each definition or URL, left out of init()'s config so none is added twice.
  for (const t of [tours, guides].flat()) if (t != null) tour(t);
  init(rest);
}
