import type { Playbook, SabuMessage } from '@sabu/schema';
import { guard } from '../../core/guard.js';
import { messages, warnOnce } from '../../core/messages.js';
import type { PluginApi } from '../../types.js';
import { HOLDOUT, expose, variantOf } from '../shared/experiment.js';
import { fetchDefinition } from '../shared/fetchDefinition.js';
import { matchPage, matchUser, timeOf } from '../shared/matchRules.js';
import { readJSON } from '../shared/storage.js';
import { readUIOptions } from '../shared/readUIOptions.js';
import type { GuidanceServices } from '../shared/services.js';
import type { HintViewProps, WidgetHandle } from '../shared/uiContract.js';
import { findElement } from './findElement.js';
import { PLAYBOOK_PRIORITY, addOccurrence, atSessionStart, counts, reasonOf, whyNot, type SessionFacts } from './playbookRules.js';
import { readPlaybookState, updatePlaybookState, type PlaybookState } from './playbookState.js';
import { validatePlaybook } from './validatePlaybook.js';

/** Messages kept while definitions load from a URL. */
const MAX_EARLY = 500;
/** The signals' per-user memory (signals/userMemory.ts): first seen, first value, features used. */
const SIGNALS_KEY = 'sabu_signals';
const VALUE_EVENT = 'First Value Reached';
const FEATURE_EVENT = 'Feature Used';

/** What a playbook can do beyond a hint and an event: the other guidance of the page, given by the starter. */
export interface PlaybookActions {
  /** Opens the page's checklist panel (at `item`: pointing at its element); false when there is none. */
  checklist(item?: string): boolean;
  /** Asks a registered survey now (its own rules and the prompt budget apply); false when unknown or not allowed. */
  survey(id: string): boolean;
  /** Starts a tour at a step; absent in builds without tours. */
  tour?: (id: string, step?: number) => boolean;
}

export interface PlaybookController {
  /** Adds definitions: an object, an array of them, or the URL of a JSON file of either. */
  add(input: unknown): void;
  destroy(): void;
}

/**
 * The playbook runtime (in `sabu-playbooks.js`, loaded only when playbooks are configured):
 * watches the events the SDK already produces (rage, dead and error clicks, abandoned
 * flows and forms, any track event), counts them against each playbook's threshold, checks
 * session-start conditions (no first value after D days, a feature unused after N
 * sessions), applies audience, cool-down, cap and experiment, emits `Playbook Triggered`,
 * and runs the action within the shared prompt budget (docs/playbooks.md).
 */
export function createPlaybookController(api: PluginApi, services: GuidanceServices, actions: PlaybookActions): PlaybookController {
  const { loadUI, requestPrompt, setBusy } = services;
  const options = readUIOptions(api.config as unknown as Record<string, unknown>);
  const defs = new Map<string, Playbook>();
  let early: SabuMessage[] = [];
  let loading = 0;
  let session: string | undefined;
  /** This page counted the current session as new (session-start checks ran here). */
  let startedHere = false;
  let hint: { id: string; ui?: WidgetHandle<HintViewProps> | null } | null = null;

  const who = (): [user: string, anonymous: string] => {
    const u = api.user();
    return [u.userId || u.anonymousId, u.anonymousId];
  };
  const read = () => readPlaybookState(...who());
  const update = <T>(change: (st: PlaybookState) => T): T => {
    const [u, a] = who();
    return updatePlaybookState(u, change, a);
  };
  const say = (pb: Playbook, why: string) => api.config.debug && warnOnce(messages.playbookSkipped(pb.id, why));
  const list = () => [...defs.values()].map((d) => variantOf(api, d));

  function onMessage(m: SabuMessage) {
    if ((loading || !defs.size) && early.length < MAX_EARLY) early.push(m);
    observe(m, list());
  }

  /** Tests one accepted message against `pbs` (each as the user's experiment arm sees it). */
  function observe(m: SabuMessage, pbs: Playbook[]) {
    if (!pbs.length) return;
    const t = Date.parse(m.timestamp) || Date.now();
    const sid = (m.context as { sessionId?: string } | undefined)?.sessionId;
    if (sid && sid != session) {
      session = sid;
      // Counted once per session, across tabs and reloads.
      startedHere = update((st) => st.s != sid && ((st.n += 1), (st.s = sid), true));
      if (startedHere) sessionStart(pbs, t);
    }
    if (m.type != 'track') return;
    const p = (m.properties ?? {}) as Record<string, unknown>;
    if (m.event == VALUE_EVENT) update((st) => void (st.v = 1));
    if (m.event == FEATURE_EVENT && pbs.some((pb) => pb.when.featureNotUsed == p.feature)) update((st) => void (st.f.includes(p.feature as string) || st.f.push(p.feature as string)));
    const seen = { name: m.event, properties: p, href: typeof p.page == 'string' ? p.page : location.href };
    for (const pb of pbs) {
      if (!counts(pb.when, seen)) continue;
      const n = update((st) => {
        const r = addOccurrence(pb.when, st.w[pb.id] ?? [], t);
        st.w[pb.id] = r.crossed ? [] : r.times; // crossed: the next occurrences count afresh
        return r.crossed ? r.times.length : 0;
      });
      if (n) fire(pb, pb.when.withinSeconds != null || n > 1 ? { count: n, withinSeconds: pb.when.withinSeconds ?? 60 } : { count: n });
    }
  }

  /** What the user's records say at the start of a session. */
  function facts(now: number): SessionFacts {
    const st = read();
    const { userId, anonymousId, traits } = api.user();
    const signals = readJSON<Record<string, { seen?: number; fv?: 1; ft?: string[] }>>(SIGNALS_KEY) ?? {};
    const rec = (userId && signals['u:' + userId]) || signals['a:' + anonymousId] || {};
    return {
      sessions: st.n,
      signup: timeOf(traits.created_at ?? traits.createdAt) || (rec.seen ?? NaN),
      valueReached: !!(st.v || rec.fv || traits.first_value_at != null),
      used: (f) => st.f.includes(f) || !!rec.ft?.includes(f),
      now,
    };
  }

  function sessionStart(pbs: Playbook[], now: number) {
    let f: SessionFacts | undefined;
    for (const pb of pbs) {
      if (pb.when.noValueAfterDays != null && (api.config as { value?: unknown }).value == null) {
        warnOnce(messages.playbookSkipped(pb.id, 'when.noValueAfterDays needs the value moment, config.value (docs/signals.md)'));
        continue;
      }
      const c = atSessionStart(pb.when, (f ??= facts(now)));
      if (c) fire(pb, c);
    }
  }

  /** The threshold was crossed: audience, cool-down, cap and experiment decide; then it fires. */
  function fire(pb: Playbook, crossed: Record<string, number>) {
    const now = Date.now();
    if (!matchUser(pb.audience, api.user().traits, now)) return say(pb, 'user not in the audience');
    if (!matchPage(pb.audience, location.href)) return say(pb, 'page not in the audience');
    const why = whyNot(pb, read().r[pb.id], now);
    if (why) return say(pb, why);
    const arm = pb.experiment && expose(api, pb.experiment);
    update((st) => void (st.r[pb.id] = { at: now, n: (st.r[pb.id]?.n ?? 0) + 1 }));
    api.track('Playbook Triggered', { playbook: pb.id, reason: reasonOf(pb.when), counts: crossed, ...(arm ? { variant: arm } : {}) });
    if (arm == HOLDOUT) return say(pb, `holdout of experiment "${pb.experiment!.id}": nothing shown`);
    act(pb);
  }

  const shown = (pb: Playbook, action: string) => api.track('Playbook Action Shown', { playbook: pb.id, action });

  function act(pb: Playbook) {
    const d = pb.do;
    if (d.event != null) return api.track(d.event, d.properties ?? {}), shown(pb, 'event');
    if (d.survey != null) return actions.survey(d.survey) ? shown(pb, 'survey') : say(pb, `survey "${d.survey}" is not registered on this page or may not be asked now`);
    if (d.tour != null && !actions.tour) return warnOnce(messages.playbookSkipped(pb.id, 'do.tour needs tours, which this build of Sabu does not have'));
    if (d.hint && !findElement(d.hint.selector)) return say(pb, `no element matches ${d.hint.selector} on this page`);
    const [user] = who();
    requestPrompt({
      id: 'playbook:' + pb.id,
      priority: pb.priority ?? PLAYBOOK_PRIORITY,
      user,
      traits: api.user().traits,
      granted: () => {
        if (d.hint) return showHint(pb);
        const ok = d.tour != null ? actions.tour!(d.tour, d.step) : actions.checklist(d.item);
        if (ok) shown(pb, d.tour != null ? 'tour' : 'checklist');
        else warnOnce(messages.playbookSkipped(pb.id, d.tour != null ? `tour "${d.tour}" could not start` : 'no checklist on this page to open'));
        return ok; // nothing shown: the budget stays unspent
      },
      denied: () => say(pb, 'prompt budget spent (another prompt was shown recently or is open)'),
    });
  }

  function closeHint() {
    hint?.ui?.destroy();
    hint = null;
    setBusy('hint', false);
  }

  /** Loads the UI chunk and shows the hint; while it is up, other prompts wait. */
  function showHint(pb: Playbook) {
    closeHint();
    const h = (hint = { id: pb.id, ui: null as WidgetHandle<HintViewProps> | null });
    setBusy('hint', true);
    let once = false;
    void loadUI(options.ui).then((mod) => {
      if (hint != h) return;
      if (!mod?.mountHint) return closeHint();
      try {
        h.ui = mod.mountHint({ ...options, selector: pb.do.hint!.selector, text: pb.do.hint!.text, on: { shown: () => once || ((once = true), shown(pb, 'hint')), close: () => hint == h && closeHint() } });
      } catch (err) {
        closeHint();
        warnOnce(messages.internal(err), 'error');
      }
    });
  }

  function accept(value: unknown) {
    const added: Playbook[] = [];
    for (const [i, def] of (Array.isArray(value) ? value : [value]).entries()) {
      const problems = validatePlaybook(def);
      const where = Array.isArray(value) ? `[${i}]` : '';
      if (problems.length) problems.forEach(([path, problem]) => warnOnce(messages.definitionInvalid('playbook', where + (where && path && '.') + path, problem), 'error'));
      else defs.set((def as Playbook).id, def as Playbook), added.push(def as Playbook);
    }
    const mine = added.map((d) => variantOf(api, d));
    // What happened before the definition arrived counts; so does the session start, if it was on this page.
    if (startedHere) sessionStart(mine, Date.now());
    for (const m of early) observe(m, mine);
    if (!loading && defs.size) early = [];
  }

  // With the messages accepted since init (before this runtime loaded), then every new one.
  const offMessage = api.onMessage(onMessage, true);

  return {
    add(input) {
      if (typeof input != 'string') return accept(input);
      loading++;
      void fetchDefinition('playbook', input).then(guard((json: unknown) => {
        loading--;
        if (json !== undefined) accept(json);
      }));
    },
    destroy() {
      offMessage();
      closeHint();
    },
  };
}
