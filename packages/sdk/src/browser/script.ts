/**
 * The script-tag entry (`sabu.min.js`). It starts Sabu from the tag's data- attributes,
 * replays, in call order and with their own timestamps, the calls the inline snippet
 * queued before this file loaded, and puts the API on `window.sabu`, never over an
 * object of the page's own.
 */
import { _replay, _use, consent, feature, flush, group, identify, init, optIn, optOut, page, reset, status, track } from '../api.js';
import { messages, warnOnce } from '../core/messages.js';
import { FORMATS } from '../core/validateConfig.js';
import { posthog } from '../posthog.js';
import { createSignals } from '../signals/createSignals.js';
import { checklist, registerChecklists } from '../guidance/checklist/checklist.js';
import { setScriptSrc } from '../guidance/shared/loadUI.js';
import { registerSurveys, survey } from '../guidance/survey/survey.js';
import { playbook, registerPlaybooks } from '../guidance/playbook/playbook.js';
import { registerTours, tour } from '../guidance/tour/tour.js';
import { setStateLoader } from '../guidance/state/loadState.js';

/** `window.sabu`: the public functions (the script tag's own checklist() and survey(), whose runtimes load from beside this file). */
const api = { init, track, page, identify, group, reset, flush, optOut, optIn, consent, status, feature, checklist, survey, playbook, tour, version: __VERSION__ };
export type ScriptApi = typeof api;

/**
 * Every data- attribute of the tag is a config field (`data-write-key` → `writeKey`);
 * these are numbers, and "true"/"false"/"" (a bare attribute) are booleans.
 */
const NUMERIC = /^(batchSize|flushInterval|maxQueueSize|sessionTimeout)$/;

type Queued = [string, unknown[], number?];

/** What `var sabu` (the bundle's global) ends up holding: see below. */
let global: unknown = api;

if (typeof window != 'undefined') {
  try {
    const w = window as unknown as { sabu?: { q?: Queued[]; version?: unknown } };
    const prev = w.sabu;
    const queued: Queued[] = (prev && Array.isArray(prev.q) && prev.q) || [];
    // Absent or the snippet's stub: ours. Another copy of Sabu: it keeps the name (this
    // copy's init() stands down and says so). Anything else is the page's own: left alone.
    if (prev && queued != prev.q) {
      global = prev;
      if (typeof prev.version != 'string') warnOnce(messages.globalTaken());
    }
    FORMATS.posthog = posthog; // data-format="posthog"
    const tag = (document.currentScript || document.querySelector('script[data-write-key]')) as HTMLScriptElement | null;
    const data = tag?.dataset ?? {};
    // Signals are built in (web vitals too); their flows part is a file beside this one, loaded on demand.
    const base = tag?.src || location.href;
    const near = (file: string) => () => import(new URL(file, base).href);
    _use(() => createSignals(undefined, { flows: near('sabu-flows.js') }));
    // Checklists (data-checklist, sabu.checklist()) too: their runtime and widgets are files beside this one.
    registerChecklists(near('sabu-checklist.js'));
    registerSurveys(near('sabu-surveys.js')); // data-surveys, sabu.survey(): runtime and prompts load on demand
    registerPlaybooks(near('sabu-playbooks.js')); // data-playbooks, sabu.playbook()
    registerTours(near('sabu-tours.js')); // data-tours, sabu.tour(): runtime, then positioning and widgets, load on demand
    setScriptSrc(base);
    setStateLoader(near('sabu-state.js')); // identify(id, traits, { signature }): cross-device state, on demand
    const fromTag: Record<string, unknown> = {};
    for (const k in data) {
      const v = data[k]!;
      fromTag[k] = NUMERIC.test(k) ? +v : v == 'false' ? false : v == 'true' || v == '' ? true : v;
    }
    const initCall = queued.find((c) => c[0] == 'init');
    if (initCall) initCall[1] = [{ ...fromTag, ...(initCall[1][0] as object) }];
    else if (fromTag.writeKey) queued.unshift(['init', [fromTag]]);
    _replay(queued, api);
  } catch (err) {
    console.error('[sabu] could not start from the script tag:', err);
  }
}

// The IIFE's `var sabu = ...` sets window.sabu to this: our functions, or what was there.
export default global;
