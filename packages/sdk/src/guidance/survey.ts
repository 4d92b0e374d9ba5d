import { _use, status } from '../api.js';
import { messages, warnOnce } from '../core/messages.js';
import type { SabuPlugin } from '../types.js';
import { createSurveyController, type SurveyController } from './surveyController.js';

let current: SurveyController | null = null;
let pending: unknown[] = [];
let registered = false;

/** `config.surveys` / `data-surveys`: one definition or URL, or an array of them. */
const each = (v: unknown): unknown[] => (Array.isArray(v) && v.some((x) => typeof x == 'string') ? v : [v]);

/**
 * Builds surveys into every `init()` of this bundle: `config.surveys` (or the script
 * tag's `data-surveys`) and {@link survey}. The script tag does this for you.
 */
export function registerSurveys(): void {
  if (registered) return;
  registered = true;
  _use((config): SabuPlugin => ({
    name: 'surveys',
    setup(api) {
      const c = (current = createSurveyController(api));
      const fromConfig = (config as unknown as Record<string, unknown>).surveys;
      if (fromConfig != null) each(fromConfig).forEach(c.add);
      pending.forEach(c.add);
      pending = [];
      return () => {
        c.destroy();
        if (current == c) current = null;
      };
    },
  }));
}

/**
 * Registers in-app surveys (NPS, CSAT, CES): a definition, an array of them, or the URL
 * of their JSON (schema: survey.schema.json). Each is asked when one of its triggers
 * fires and its audience and throttling allow (docs/surveys.md). Call before or after `init()`.
 * @example survey('/surveys/nps.json')
 */
export function survey(definition: object | object[] | string): void {
  try {
    if (!registered) {
      if (status()) return warnOnce(messages.surveyLate());
      registerSurveys();
    }
    if (current) current.add(definition);
    else pending.push(definition);
  } catch (err) {
    warnOnce(messages.internal(err), 'error');
  }
}
