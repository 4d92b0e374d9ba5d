import type { SabuMessage } from '@sabu/schema';
import { _use, status } from '../api.js';
import { messages, warnOnce } from '../core/messages.js';
import type { PluginApi, SabuPlugin } from '../types.js';
import { services } from './services.js';
import type { SurveyController } from './surveyController.js';

/** The runtime chunk's module (see surveyRuntime.ts). */
export type SurveyRuntime = typeof import('./surveyRuntime.js');

/** Messages kept while the runtime loads, so triggers that happened meanwhile still count. */
const MAX_BUFFER = 500;

let current: { add(def: unknown): void } | null = null;
let pending: unknown[] = [];
let registered = false;

/** `config.surveys` / `data-surveys`: one definition or URL, or an array of them. */
const each = (v: unknown): unknown[] => (Array.isArray(v) && v.some((x) => typeof x == 'string') ? v : [v]);

/**
 * The always-loaded part of surveys: on the first definition it loads the runtime,
 * keeping the messages accepted meanwhile, then hands them and the definitions over.
 */
function start(api: PluginApi, runtime: () => Promise<SurveyRuntime>) {
  let controller: SurveyController | undefined;
  let seen: SabuMessage[] | undefined;
  let defs: unknown[] = [];
  let off: (() => void) | undefined;
  function boot() {
    if (seen) return;
    seen = [];
    off = api.onMessage((m) => seen!.length < MAX_BUFFER && seen!.push(m));
    runtime().then(
      (mod) => {
        off!();
        controller = mod.createSurveyController(api, services);
        controller.replay(seen!);
        defs.forEach(controller.add);
        seen = defs = [];
      },
      (err) => (off!(), warnOnce(messages.definitionLoad('survey', 'sabu-surveys.js', err), 'error')),
    );
  }
  return {
    add(def: unknown) {
      if (controller) return controller.add(def);
      defs.push(def);
      boot();
    },
    stop() {
      off?.();
      controller?.destroy();
    },
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

/**
 * Registers in-app surveys (NPS, CSAT, CES): a definition, an array of them, or the URL
 * of their JSON (schema: survey.schema.json). Each is asked when one of its triggers
 * fires and its audience and throttling allow (docs/surveys.md). Call before or after `init()`.
 * @example survey('/surveys/nps.json')
 */
export function survey(definition: object | object[] | string, runtime?: () => Promise<SurveyRuntime>): void {
  try {
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
