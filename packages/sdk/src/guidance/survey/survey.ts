import { _use, status } from '../../api.js';
import { messages, warnOnce } from '../../core/messages.js';
import type { PluginApi, SabuPlugin } from '../../types.js';
import { lazyController } from '../shared/lazyController.js';
import { services } from '../shared/services.js';

/** The runtime chunk's module (see surveyRuntime.ts). */
export type SurveyRuntime = typeof import('./surveyRuntime.js');

let current: { add(def: unknown): void; ask(id: string): boolean; request(id: string): void } | null = null;
let pending: unknown[] = [];
let registered = false;

/** `config.surveys` / `data-surveys`: one definition or URL, or an array of them. */
const each = (v: unknown): unknown[] => (Array.isArray(v) && v.some((x) => typeof x == 'string') ? v : [v]);

/** The always-loaded part of surveys: the runtime loads on the first definition. */
function start(api: PluginApi, runtime: () => Promise<SurveyRuntime>) {
  const lazy = lazyController(runtime, (mod) => mod.createSurveyController(api, services), 'survey', 'sabu-surveys.js');
  return {
    add: (def: unknown) => lazy.use((c) => c.add(def)),
    ask: (id: string) => !!lazy.get()?.ask(id),
    request: (id: string) => (lazy.started() ? lazy.use((c) => c.request(id)) : warnOnce(messages.unknownSurvey(id))),
    stop: lazy.stop,
  };
}

/**
 * Builds surveys into every `init()` of this bundle (`config.surveys`, the script tag's
 * `data-surveys`, and {@link survey}), with `runtime` loading the survey runtime on
 * demand. The script tag does this for you (sabu-surveys.js).
 */
export function registerSurveys(runtime: () => Promise<SurveyRuntime>): void {
  if (registered) return;
  registered = true;
  _use((config): SabuPlugin => ({
    name: 'surveys',
    setup(api) {
      const s = start(api, runtime);
      current = s;
      const fromConfig = (config as unknown as Record<string, unknown>).surveys;
      if (fromConfig != null) each(fromConfig).forEach(s.add);
      pending.forEach(s.add);
      pending = [];
      return () => {
        s.stop();
        if (current == s) current = null;
      };
    },
  }));
}

/** A survey's id, not the URL of definitions: no `/` and not a `.json` file. */
const isId = (v: unknown): v is string => typeof v == 'string' && !v.includes('/') && !v.endsWith('.json');

/**
 * Registers in-app surveys (NPS, CSAT, CES): a definition, an array of them, or the URL
 * of their JSON (schema: survey.schema.json). Each is asked when one of its triggers
 * fires and its audience and throttling allow (docs/surveys.md). Call before or after `init()`.
 * An id (`survey('nps')`) shows that registered survey now, as the user asked for it
 * (a "Give feedback" button): no trigger, audience, sample or prompt budget applies.
 * @example survey('/surveys/nps.json')
 */
export function survey(definition: object | object[] | string, runtime?: () => Promise<SurveyRuntime>): void {
  try {
    if (isId(definition)) return current ? current.request(definition) : warnOnce(messages.unknownSurvey(definition));
    if (!registered) {
      if (status() || !runtime) return warnOnce(messages.surveyLate());
      registerSurveys(runtime);
    }
    if (current) current.add(definition);
    else pending.push(definition);
  } catch (err) {
    warnOnce(messages.internal(err), 'error');
  }
}

/**
 * Asks a registered survey now, as if one of its triggers fired (its waits, sample,
 * audience and the prompt budget still apply): a playbook's `do.survey`. False when no
 * such survey is registered (or its runtime is not loaded yet) or it may not be asked now.
 */
export const askSurvey = (id: string): boolean => !!current?.ask(id);
