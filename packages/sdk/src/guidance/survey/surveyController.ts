import type { SabuMessage, Survey, SurveyTrigger } from '@sabu/schema';
import { messages, warnOnce } from '../../core/messages.js';
import { cut } from '../../core/text.js';
import type { PluginApi } from '../../types.js';
import type { GuidanceServices } from '../shared/services.js';
import { readUIOptions } from '../shared/readUIOptions.js';
import { lastPromptAt } from '../shared/promptBudget.js';
import { countSession, readSurveyState, updateSurveyState } from './surveyState.js';
import { SURVEY_PRIORITY, bucketOf, followUpOf, onScale, triggerFires, whyNot, type SurveyInput } from './surveyRules.js';
import { validateSurvey } from './surveyValidate.js';
import { HOLDOUT, expose, variantOf } from '../shared/experiment.js';
import type { SurveyViewProps, WidgetHandle } from '../shared/uiContract.js';

/** Comments longer than this are cut (a comment is a sentence or two, not a document). */
export const MAX_COMMENT = 1000;
/** Messages kept while definitions load. */
const MAX_EARLY = 500;
/** While a checklist panel (or another prompt) is open, a due prompt looks again this often. */
const RETRY_MS = 1000;

export interface SurveyController {
  /** Adds definitions: an object, an array of them, or the URL of a JSON file of either. */
  add(input: unknown): void;
  /** Asks survey `id` now as if a trigger fired; false when unknown or not allowed now. */
  ask(id: string): boolean;
  /**
   * Shows survey `id` now because the user asked (a "Give feedback" button): no waits,
   * sample, audience, experiment or prompt budget, as for requested tours. Waits for
   * definitions still loading; an unknown id gets one [sabu] warning.
   */
  request(id: string): void;
  destroy(): void;
}


/**
 * The survey runtime (in `sabu-surveys.js`, loaded only when surveys are configured):
 * validates definitions, tests triggers on every accepted message, applies audience and throttling (per-survey waits, sample rate, the
 * shared prompt budget), keeps state per user, emits the Survey events, and loads the UI
 * chunk only when a prompt is granted. One prompt at a time.
 */
export function createSurveyController(api: PluginApi, services: GuidanceServices): SurveyController {
  const { loadUI, requestPrompt, setBusy, isBusy, typingWait } = services;
  typingWait(); // typing counts from now on, not only from the first trigger
  const options = readUIOptions(api.config as unknown as Record<string, unknown>);
  const defs = new Map<string, Survey>();
  const due = new Map<string, ReturnType<typeof setTimeout>>();
  let current: { def: Survey; score: number | null; picked?: number; done: boolean } | null = null;
  let ui: WidgetHandle<SurveyViewProps> | null | undefined;
  let shownHere = false;
  let session: string | undefined;

  const user = () => {
    const u = api.user();
    return u.userId || u.anonymousId;
  };
  const anon = () => api.user().anonymousId;
  /**
   * The traits the prompt budget sees. A prompt shown before the user signed in was
   * spent under their anonymous id: it counts for the signed-in user too (as a
   * `last_prompted_at`), so signing in does not open a second prompt the same day.
   */
  const budgetTraits = (u: string): Record<string, unknown> => {
    const traits = api.user().traits;
    const before = u != anon() ? lastPromptAt(anon()) : 0;
    return before > lastPromptAt(u, traits) ? { ...traits, last_prompted_at: before } : traits;
  };
  const now = () => Date.now();
  const debug = (def: Survey, why: string) => api.config.debug && warnOnce(messages.surveySkipped(def.id, why));

  /** Messages seen while definitions load (bounded), so triggers that came first still count. */
  let early: SabuMessage[] = [];
  let loading = 0;

  function onMessage(m: SabuMessage) {
    if ((loading || !defs.size) && early.length < MAX_EARLY) early.push(m);
    observe(m, [...defs.values()]);
  }

  /** Tests the triggers of `list` on one message. */
  function observe(m: SabuMessage, list: Survey[]) {
    if (!list.length) return;
    session = (m.context as { sessionId?: string } | undefined)?.sessionId ?? session;
    const st = countSession(user(), session, anon());
    const input: SurveyInput =
      m.type == 'track'
        ? { type: 'event', name: m.event, properties: m.properties ?? {} }
        : m.type == 'page'
          ? { type: 'page', url: String((m.properties as { url?: unknown })?.url ?? location.href) }
          : { type: 'identify' };
    if (m.type == 'group') return;
    const facts = { sessions: st.n, traits: api.user().traits, now: now() };
    for (const base of list) {
      const def = variantOf(api, base); // an experiment's variant may change the triggers too
      const t = def.triggers.find((x) => triggerFires(x, input, facts));
      if (t) schedule(def, t);
    }
  }

  /** A trigger fired: ask after its delay, if the survey may be asked at all. */
  function schedule(def: Survey, t: SurveyTrigger) {
    if (due.has(def.id) || current?.def.id == def.id) return;
    const why = whyNot(def, readSurveyState(user(), anon()).r[def.id], user(), api.user().traits, location.href, now());
    if (why) return debug(def, why);
    due.set(def.id, setTimeout(() => attempt(def), (t.delaySeconds ?? 0) * 1000));
  }

  /**
   * The delay is over: wait while another prompt or a panel is open, or until the user's
   * typing pauses (a field may keep focus: the prompt never takes it), then ask the budget.
   */
  function attempt(def: Survey) {
    const wait = current || isBusy() ? RETRY_MS : typingWait();
    if (wait) return void due.set(def.id, setTimeout(() => attempt(def), wait));
    due.delete(def.id);
    const u = user();
    // Checked again: another tab may have asked meanwhile, or the user moved to another page.
    const why = whyNot(def, readSurveyState(u, anon()).r[def.id], u, api.user().traits, location.href, now());
    if (why) return debug(def, why);
    // Qualified: every arm is exposed here, and the holdout sees nothing (docs/experiments.md).
    if (def.experiment && expose(api, def.experiment) == HOLDOUT) return debug(def, `holdout of experiment "${def.experiment.id}"`);
    requestPrompt({
      id: 'survey:' + def.id,
      priority: def.priority ?? SURVEY_PRIORITY,
      user: u,
      traits: budgetTraits(u),
      granted: () => show(def, u),
      denied: () => debug(def, 'prompt budget spent (another prompt was shown recently or is open)'),
    });
  }

  function show(def: Survey, u: string) {
    if (current) return false;
    updateSurveyState(u, (st) => void (st.r[def.id] = { at: now() }), anon());
    current = { def, score: null, done: false };
    shownHere = false;
    setBusy('survey', true);
    render();
  }

  const track = (event: string, props: Record<string, unknown> = {}) => api.track(event, { survey: current!.def.id, ...props });

  const handlers = {
    shown() {
      if (!current || shownHere) return;
      shownHere = true;
      track('Survey Shown', { kind: current.def.kind });
    },
    pick(score: number) {
      if (current && current.score == null && onScale(current.def.kind, score)) current.picked = score;
    },
    answer(score: number) {
      const c = current;
      if (!c || c.score != null || !onScale(c.def.kind, score)) return;
      c.score = score;
      const bucket = bucketOf(c.def.kind, score);
      updateSurveyState(user(), (st) => void (st.r[c.def.id] = { at: st.r[c.def.id]?.at ?? now(), answered: now() }), anon());
      track('Survey Answered', { kind: c.def.kind, score, bucket });
      c.done = !followUpOf(c.def, bucket);
      render();
    },
    comment(text: string) {
      const c = current;
      if (!c || c.score == null || c.done) return;
      const comment = cut(String(text).trim(), MAX_COMMENT);
      if (comment) track('Survey Comment', { kind: c.def.kind, comment });
      c.done = true;
      render();
    },
    dismiss() {
      const c = current;
      if (!c) return;
      if (c.score == null) track('Survey Dismissed', { kind: c.def.kind });
      current = null;
      setBusy('survey', false);
      ui?.destroy();
      ui = undefined;
    },
  };

  /** Loads the UI chunk the first time a prompt is granted, then renders the current one. */
  function render() {
    const c = current;
    if (!c) return;
    const props: SurveyViewProps = {
      ...options,
      def: c.def,
      score: c.score,
      followUp: c.score == null ? undefined : followUpOf(c.def, bucketOf(c.def.kind, c.score)),
      done: c.done,
      on: handlers,
    };
    if (ui) return ui.update(props);
    if (ui === null) return; // loading
    ui = null;
    void loadUI(options.ui).then((mod) => {
      if (!mod || current != c) return void (ui = undefined);
      try {
        ui = mod.mountSurvey(props);
        render(); // the state may have moved on while loading
      } catch (err) {
        ui = undefined;
        warnOnce(messages.internal(err), 'error');
      }
    });
  }

  function accept(value: unknown) {
    const added: Survey[] = [];
    for (const [i, def] of (Array.isArray(value) ? value : [value]).entries()) {
      const problems = validateSurvey(def);
      const where = Array.isArray(value) ? `[${i}]` : '';
      if (problems.length) problems.forEach(([path, problem]) => warnOnce(messages.definitionInvalid('survey', where + (where && path && '.') + path, problem), 'error'));
      else defs.set((def as Survey).id, def as Survey), added.push(def as Survey);
    }
    // What happened before the definition arrived counts; page triggers (URL, sessions,
    // signup age) are tested on the current page too.
    for (const m of early) observe(m, added);
    observe({ type: 'page', properties: { url: location.href } } as unknown as SabuMessage, added);
    if (!loading && defs.size) early = [];
    if (wanted && (defs.has(wanted) || !loading)) request(wanted);
  }

  /** A requested survey whose definition is still loading. */
  let wanted: string | null = null;
  function request(id: string) {
    const def = defs.get(id);
    wanted = !def && loading ? id : null;
    if (!def) return void (wanted || warnOnce(messages.unknownSurvey(id)));
    if (current) return debug(def, 'another survey is open');
    clearTimeout(due.get(id));
    due.delete(id);
    show(def, user());
  }

  // A score selected with the keyboard is kept when the tab goes away before it was
  // confirmed. Capture on window runs before the core's own pagehide/hidden handlers, which
  // then send it with the rest.
  const onExit = (e: Event) =>
    (e.type == 'pagehide' || document.visibilityState == 'hidden') && current?.picked != null && current.score == null && handlers.answer(current.picked);
  // With the messages accepted since init (before this runtime loaded), then every new one.
  const offMessage = api.onMessage(onMessage, true);
  addEventListener('pagehide', onExit, true);
  addEventListener('visibilitychange', onExit, true);

  return {
    add(input) {
      if (typeof input != 'string') return accept(input);
      loading++;
      fetch(input, { credentials: 'same-origin' })
        .then((r) => (r.ok ? r.json() : Promise.reject(new Error('HTTP ' + r.status))))
        .then((json) => (loading--, accept(json)))
        .catch((err) => (loading = Math.max(0, loading - 1), warnOnce(messages.definitionLoad('survey', input, err), 'error')));
    },
    request,
    ask(id) {
      const def = defs.get(id);
      if (!def) return false;
      schedule(variantOf(api, def), {} as SurveyTrigger);
      return due.has(id) || current?.def.id == id;
    },
    destroy() {
      offMessage();
      removeEventListener('pagehide', onExit, true);
      removeEventListener('visibilitychange', onExit, true);
      due.forEach(clearTimeout);
      due.clear();
      if (current) setBusy('survey', false);
      ui?.destroy();
      current = null;
    },
  };
}
