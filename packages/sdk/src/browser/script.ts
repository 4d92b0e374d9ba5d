/**
 * The script-tag entry (`sabu.min.js`, global `sabu`). It starts Sabu from the tag's
 * data- attributes and replays, in call order and with their own timestamps, the calls
 * the inline snippet queued before this file loaded.
 */
import { _replay, _use } from '../api.js';
import { createSignals } from '../signals/createSignals.js';
import { checklist, registerChecklists } from '../guidance/checklist.js';
import { setScriptSrc } from '../guidance/loadUI.js';
import { registerSurveys, survey } from '../guidance/survey.js';

export * from '../index.js';
// The script tag's own survey(): its runtime is sabu-surveys.js beside this file.
export { survey } from '../guidance/survey.js';
// The script tag's own checklist(): its runtime is sabu-checklist.js beside this file.
export { checklist } from '../guidance/checklist.js';

/**
 * Every data- attribute of the tag is a config field (`data-write-key` → `writeKey`);
 * these are numbers, and "true"/"false"/"" (a bare attribute) are booleans.
 */
const NUMERIC = /^(batchSize|flushInterval|maxQueueSize|sessionTimeout)$/;

type Queued = [string, unknown[], number?];

if (typeof window != 'undefined') {
  try {
    const w = window as unknown as { sabu?: { q?: Queued[] } };
    const queued: Queued[] = (w.sabu && Array.isArray(w.sabu.q) && w.sabu.q) || [];
    const tag = (document.currentScript || document.querySelector('script[data-write-key]')) as HTMLScriptElement | null;
    const data = tag?.dataset ?? {};
    // Signals are built in; their web-vitals and flows parts are files beside this one, loaded on demand.
    const base = tag?.src || location.href;
    const near = (file: string) => () => import(new URL(file, base).href);
    _use(() => createSignals(undefined, { vitals: near('sabu-vitals.js'), flows: near('sabu-flows.js') }));
    // Checklists (data-checklist, sabu.checklist()) too: their runtime and widgets are files beside this one.
    registerChecklists(near('sabu-checklist.js'));
    registerSurveys(near('sabu-surveys.js')); // data-surveys, sabu.survey(): runtime and prompts load on demand
    setScriptSrc(base);
    const fromTag: Record<string, unknown> = {};
    for (const k in data) {
      const v = data[k]!;
      fromTag[k] = NUMERIC.test(k) ? +v : v == 'false' ? false : v == 'true' || v == '' ? true : v;
    }
    const initCall = queued.find((c) => c[0] == 'init');
    if (initCall) initCall[1] = [{ ...fromTag, ...(initCall[1][0] as object) }];
    else if (fromTag.writeKey) _replay('init', [fromTag]);
    for (const [name, args, time] of queued) name == 'checklist' ? checklist(...(args as [object?])) : name == 'survey' ? survey(...(args as [object])) : _replay(name, args, time);
  } catch (err) {
    console.error('[sabu] could not start from the script tag:', err);
  }
}
