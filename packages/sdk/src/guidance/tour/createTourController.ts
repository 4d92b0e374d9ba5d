import type { Guide, SabuMessage, Tour } from '@sabu/schema';
import { guard } from '../../core/guard.js';
import { messages, warnOnce } from '../../core/messages.js';
import type { PluginApi } from '../../types.js';
import { fetchDefinition } from '../shared/fetchDefinition.js';
import { lastPromptAt } from '../shared/promptBudget.js';
import { readUIOptions } from '../shared/readUIOptions.js';
import type { GuideTrigger } from '@sabu/schema';
import type { GuidesUI, TourStepProps } from '../shared/uiContract.js';
import type { GuidanceServices } from '../shared/services.js';
import { countSession } from '../survey/surveyState.js';
import { triggerFires, type SurveyInput } from '../survey/surveyRules.js';
import { createGuides } from './createGuides.js';
import { createSlot } from './createSlot.js';
import { createTourRun, type TourRun } from './createTourRun.js';
import { preloadGuides } from './preloadGuides.js';
import { GUIDE_PRIORITY, TOUR_PRIORITY, isGuide, triggerName, whyNot } from './tourRules.js';
import { readTourState, updateTourState, type Outcome } from './tourState.js';
import { validateGuide, validateTour } from './validateTour.js';
import { HOLDOUT, expose, variantOf } from '../shared/experiment.js';

/** Messages kept while definitions load. */
const MAX_EARLY = 500;
/** A guide without triggers shows on any page of its audience. */
const ANY_PAGE: GuideTrigger = { url: '*' };

export interface TourController {
  /** A tour or guide id (start it, as requested), definitions (an object or an array), or the URL of their JSON (a string with a `/`). */
  add(input: unknown): void;
  /** Starts tour `id` as requested, at `step` (0-based; a playbook's `do.step`). */
  request(id: string, step?: number): void;
  destroy(): void;
}

type Def = Tour | Guide;

/**
 * The tour runtime (in `sabu-tours.js`): validates tours and guides, tests their triggers
 * on every accepted message, applies audience and the shared prompt budget (requested
 * launches skip both), resumes the tour in progress after a reload, and loads the UI
 * chunk only when something is to be shown. One tour at a time.
 */
export function createTourController(api: PluginApi, services: GuidanceServices): TourController {
  const { loadUI, requestPrompt, setBusy, typingWait } = services;
  typingWait(); // typing counts from now on, not only from the first trigger
  const { ui: source, ...options } = readUIOptions(api.config as unknown as Record<string, unknown>);
  const defs = new Map<string, Def>();
  const due = new Map<string, ReturnType<typeof setTimeout>>();
  let run: TourRun | null = null;
  /** Ids asked for before their definition arrived. */
  let wanted: [id: string, step?: number][] = [];
  let early: SabuMessage[] = [];
  let loading = 0;
  let session: string | undefined;

  const user = () => api.user().userId || api.user().anonymousId;
  const anon = () => api.user().anonymousId;
  const state = () => readTourState(user(), anon());
  const record = (id: string, how: Outcome) => updateTourState(user(), (st) => void (st.r[id] = { how, at: Date.now() }), anon());
  const debug = (id: string, why: string) => api.config.debug && warnOnce(`tour or guide "${id}" not shown: ${why}.`);
  /** As for surveys: a prompt spent under the anonymous id counts for the signed-in user too. */
  const budgetTraits = (u: string): Record<string, unknown> => {
    const traits = api.user().traits;
    const before = u != anon() ? lastPromptAt(anon()) : 0;
    return before > lastPromptAt(u, traits) ? { ...traits, last_prompted_at: before } : traits;
  };

  let guidesUI: Promise<GuidesUI | null> | undefined;
  const loadGuides = () =>
    (guidesUI ||= (preloadGuides(source), loadUI(source)).then((m) => m && m.loadGuides()).catch((err) => (warnOnce(messages.uiLoad('the guides chunk beside sabu-ui.js', err), 'error'), null)));
  const stepSlot = createSlot<TourStepProps>(loadGuides, (ui, p) => ui.mountTourStep(p));
  const guides = createGuides({ options, load: loadGuides, track: api.track, record, request, setBusy: (on) => setBusy('announcement', on) });

  function begin(def: Tour, active: { t: string; i: number; v: number; q?: boolean }) {
    setBusy('tour', true);
    run = createTourRun({
      def,
      active,
      options,
      slot: stepSlot,
      track: api.track,
      save: (a) => updateTourState(user(), (st) => void (st.a = a), anon()),
      end(how) {
        updateTourState(user(), (st) => ((st.r[def.id] = { how, at: Date.now() }), delete st.a), anon());
        setBusy('tour', false);
        run = null;
      },
    });
    run.start();
  }

  function startTour(def: Tour, trigger: string, step = 0) {
    if (run) {
      if (run.def.id == def.id) return;
      run.dismiss(); // the user asked for another tour
    }
    // A playbook may start at a later step (one of its own, bounded to the tour's).
    const active = { t: def.id, i: Math.min(Math.max(0, step | 0), def.steps.length - 1), v: -1, ...(trigger == 'requested' ? { q: true } : {}) };
    updateTourState(user(), (st) => void (st.a = active), anon());
    api.track('Tour Started', { tour: def.id, steps: def.steps.length, trigger });
    begin(def, active);
  }

  function show(def: Def, trigger: string, step?: number) {
    if (isGuide(def)) guides.show(def as Guide, !state().r[def.id]);
    else startTour(def as Tour, trigger, step);
  }

  /** `sabu.tour(id)`: shown now, whatever its triggers, audience and the prompt budget say. */
  function request(id: string, step?: number) {
    const def = defs.get(id);
    if (def) return show(def, 'requested', step);
    if (loading) wanted.push([id, step]);
    else warnOnce(`tour('${id}'): no tour or guide has this id; give its definition first (config.tours, or tour(definition)).`);
  }

  /** Tests the triggers of `list` on one message. */
  function observe(m: SabuMessage, list: Def[]) {
    if (!list.length || m.type == 'group') return;
    session = (m.context as { sessionId?: string } | undefined)?.sessionId ?? session;
    const input: SurveyInput =
      m.type == 'track'
        ? { type: 'event', name: m.event, properties: (m.properties as Record<string, unknown>) ?? {} }
        : m.type == 'page'
          ? { type: 'page', url: String((m.properties as { url?: unknown })?.url ?? location.href) }
          : { type: 'identify' };
    const facts = { sessions: countSession(user(), session, anon()).n, traits: api.user().traits, now: Date.now() };
    for (const base of list) {
      const def = variantOf(api, base as Tour) as Def; // an experiment's variant may change the triggers too
      const triggers = def.triggers ?? (isGuide(def) ? [ANY_PAGE] : []);
      const t = triggers.find((x) => triggerFires(x as Parameters<typeof triggerFires>[0], input, facts));
      if (t) schedule(def, t);
    }
  }

  function schedule(def: Def, t: GuideTrigger) {
    if (due.has(def.id) || run?.def.id == def.id || guides.has(def.id)) return;
    const why = whyNot(def, state(), api.user().traits, location.href, Date.now());
    if (why) return debug(def.id, why);
    due.set(def.id, setTimeout(() => attempt(def, t), (t.delaySeconds ?? 0) * 1000));
  }

  function attempt(def: Def, t: GuideTrigger) {
    due.delete(def.id);
    const u = user();
    const st = state();
    // Checked again: another tab may have shown it meanwhile, or the user moved on.
    const why = whyNot(def, st, api.user().traits, location.href, Date.now()) || (!isGuide(def) && run ? 'another tour is in progress' : null);
    if (why) return debug(def.id, why);
    // Qualified: every arm is exposed here, and the holdout sees nothing (docs/experiments.md).
    const x = (def as Tour).experiment;
    if (x && expose(api, x) == HOLDOUT) return debug(def.id, `holdout of experiment "${x.id}"`);
    // A hotspot does not interrupt (it waits to be clicked), and a banner seen before stays until closed: neither spends the budget.
    if ((def as Guide).kind == 'hotspot' || st.r[def.id]?.how == 'seen') return show(def, triggerName(t));
    requestPrompt({
      id: (isGuide(def) ? 'guide:' : 'tour:') + def.id,
      priority: def.priority ?? (isGuide(def) ? GUIDE_PRIORITY : TOUR_PRIORITY),
      user: u,
      traits: budgetTraits(u),
      granted: () => show(def, triggerName(t)),
      denied: () => debug(def.id, 'prompt budget spent (another prompt was shown recently or is open)'),
    });
  }

  function onMessage(m: SabuMessage) {
    if ((loading || !defs.size) && early.length < MAX_EARLY) early.push(m);
    run?.observe(m);
    observe(m, [...defs.values()]);
  }

  function accept(value: unknown) {
    const added: Def[] = [];
    const list = Array.isArray(value) ? value : [value];
    for (const [i, def] of list.entries()) {
      if (typeof def == 'string') {
        add(def);
        continue;
      }
      const guide = isGuide(def);
      const problems = (guide ? validateGuide : validateTour)(def);
      const where = Array.isArray(value) ? `[${i}]` : '';
      if (problems.length) problems.forEach(([path, problem]) => warnOnce(messages.definitionInvalid(guide ? 'guide' : 'tour', where + (where && path && '.') + path, problem), 'error'));
      else defs.set((def as Def).id, def as Def), added.push(def as Def);
    }
    // The tour in progress (a reload, a new page) carries on where it was, with no new start.
    const st = state();
    const resumed = st.a && !run ? added.find((d) => d.id == st.a!.t && !isGuide(d)) : undefined;
    if (resumed) begin(resumed as Tour, st.a!);
    // What happened before the definitions arrived counts; page triggers are tested on this page too.
    for (const m of early) observe(m, added);
    observe({ type: 'page', properties: { url: location.href } } as unknown as SabuMessage, added);
    if (!loading && defs.size) early = [];
    const ask = wanted.filter(([id]) => defs.has(id) || !loading);
    wanted = wanted.filter((w) => !ask.includes(w));
    ask.forEach(([id, step]) => request(id, step));
  }

  function add(input: unknown) {
    if (typeof input != 'string') return accept(input);
    if (!input.includes('/')) return request(input);
    loading++;
    void fetchDefinition('tour', input).then(guard((json: unknown) => {
      loading--;
      if (json !== undefined) accept(json);
      else accept([]);
    }));
  }

  // With the messages accepted since init (before this runtime loaded), then every new one.
  const offMessage = api.onMessage(onMessage, true);

  return {
    add,
    request,
    destroy() {
      offMessage();
      due.forEach(clearTimeout);
      due.clear();
      run?.stop();
      if (run) setBusy('tour', false);
      run = null;
      guides.destroy();
    },
  };
}
