import type { Checklist, ChecklistItem, SabuMessage } from '@sabu/schema';
import { messages, warnOnce } from '../../core/messages.js';
import type { PluginApi } from '../../types.js';
import { createProgress, type Progress, type ProgressStore } from './createProgress.js';
import { holds, leafMatches, leavesOf, matchPage, matchUser, type Observation } from '../shared/matchRules.js';
import type { GuidanceServices } from '../shared/services.js';
import { readUIOptions } from '../shared/readUIOptions.js';
import type { ChecklistViewProps, WidgetHandle } from '../shared/uiContract.js';
import { watchDom } from '../shared/watchDom.js';
import { HOLDOUT, expose, variantOf } from '../shared/experiment.js';

/** Observations kept while the definition loads (or before the user is in the audience). */
const MAX_EARLY = 500;
/** A checklist opening by itself, in the shared prompt budget; surveys rank themselves against it. */
export const CHECKLIST_PROMPT_PRIORITY = 10;
/**
 * How long a just-completed checklist shows its celebration before it steps aside
 * (collapses to its launcher): an open panel holds back every survey, so a panel left
 * open after the last item kept the NPS prompt that follows it from ever showing (issue 13).
 */
export const CELEBRATION_MS = 4000;

export interface ChecklistController {
  /** Feeds what happened: accepted messages, and clicked elements (also from before it existed). */
  replay(seen: Array<SabuMessage | Element>): void;
  /**
   * Opens the panel, because the user asked, or a playbook (`auto`, within the prompt
   * budget; not over "don't show again" or a completed checklist: false then); at `item`,
   * pointing at its element.
   */
  open(item?: string, auto?: boolean): boolean;
  /**
   * Whether it may be the checklist shown on this page: the user is in its audience
   * (traits, signup, this URL), and it is neither finished nor declined for good.
   */
  eligible(): boolean;
  /** Only the active checklist shows (the manager picks one per page); others keep counting. */
  setActive(on: boolean): void;
  destroy(): void;
}

/**
 * One checklist of the runtime (sabu-checklist.js; createChecklists.ts makes one per valid
 * definition and feeds it every accepted message): evaluates completion rules on every
 * message (so events count whether the widget is open, closed or not loaded yet), keeps
 * progress per user, emits the Checklist events, and, while it is the active checklist,
 * decides when the UI chunk must be loaded and what it shows.
 */
export function createChecklistController(
  api: PluginApi,
  services: GuidanceServices,
  definition: Checklist,
  seen: Array<SabuMessage | Element> = [],
): ChecklistController {
  const { loadUI, requestPrompt } = services;
  // Busy per checklist: an inactive one hiding must not clear the active one's open panel.
  const setBusy = (_: string, on: boolean) => services.setBusy('checklist:' + definition.id, on);
  const config = api.config as unknown as Record<string, unknown>;
  const options = readUIOptions(config);
  let def: Checklist | null = null;
  /** The definition as written; `def` is the current user's variant of it (docs/experiments.md). */
  let base: Checklist | null = null;
  let progress: ProgressStore | null = null;
  let early: [Observation, number][] = [];
  /** While handling a message: its time (replayed messages happened earlier than now). */
  let clock: number | undefined;
  let firstSeen = Infinity;
  let queue: Observation[] | null = null;
  let view: ChecklistViewProps['view'] = 'hidden';
  let requested = false;
  /** An item to point at on the next render (a playbook opened the checklist at it). */
  let focus: string | undefined;
  let forced = false;
  let ui: WidgetHandle<ChecklistViewProps> | null | undefined;
  let shownHere = false;
  let completedHere = false;
  let session: string | undefined;
  let user = '';
  let identified = false;
  let stopDom: (() => void) | undefined;
  let active = false;
  let destroyed = false;
  let stepAside: ReturnType<typeof setTimeout> | undefined;

  const now = () => clock ?? Date.now();
  // The version lets a second device (and the collector's state) tell progress of an older
  // definition apart: raising it restarts everyone, everywhere (docs/checklists.md).
  const track = (event: string, props: Record<string, unknown> = {}) =>
    api.track(event, { checklist: def!.id, version: def!.version ?? 1, ...props });
  const required = () => def!.items.filter((i) => !i.optional);
  const isDone = (i: ChecklistItem) => !!progress!.state.done[i.id];

  function userKey() {
    const u = api.user();
    return [u.userId || u.anonymousId, !!u.userId] as const;
  }

  /** Feeds one observation to every open item; completes those whose rule now holds. */
  function observe(o: Observation) {
    if (!def || !progress) return void (early.length < MAX_EARLY && early.push([o, now()]));
    if (queue) return void queue.push(o); // re-entered from our own track(): finish first
    queue = [o];
    try {
      while (queue.length) {
        const next = queue.shift()!;
        let changed = false;
        for (const item of def.items) {
          if (isDone(item)) continue;
          const met: string[] = progress.state.met[item.id] ?? [];
          for (const [key, leaf] of leavesOf(item.completeWhen))
            if (!met.includes(key) && leafMatches(leaf, next)) met.push(key), (changed = true);
          if (met.length) progress.state.met[item.id] = met;
        }
        if (changed) settle();
      }
    } finally {
      queue = null;
    }
  }

  /** Completes every item whose rule holds and whose dependencies are done, in order. */
  function settle() {
    const st = progress!.state;
    let again = true;
    while (again) {
      again = false;
      for (const item of def!.items) {
        if (isDone(item) || !holds(item.completeWhen, new Set(st.met[item.id])) || !(item.dependsOn ?? []).every((d) => st.done[d])) continue;
        again = true;
        const t = now();
        st.done[item.id] = t;
        // Another tab may have completed it already: its event was sent there.
        if (!progress!.doneElsewhere(item.id))
          track('Checklist Item Completed', { item: item.id, ms_since_shown: st.shown ? t - st.shown : null, ms_since_start: t - st.start });
      }
    }
    if (!st.completed && required().every(isDone)) {
      st.completed = now();
      completedHere = true;
      track('Checklist Completed', { duration_ms: st.completed - st.start });
      if (view != 'hidden') {
        view = 'panel';
        stepAside = setTimeout(() => view == 'panel' && handlers.minimise(), CELEBRATION_MS);
      }
    }
    progress!.flush();
    render();
  }

  function onMessage(m: SabuMessage) {
    const t = Date.parse(m.timestamp);
    firstSeen = Math.min(firstSeen, t || Infinity);
    clock = t || undefined;
    try {
      handle(m);
    } finally {
      clock = undefined;
    }
  }

  function handle(m: SabuMessage) {
    session = (m.context as { sessionId?: string } | undefined)?.sessionId ?? session;
    const [key] = userKey();
    if (def && key != user) rekey();
    if (m.type == 'track') observe({ type: 'event', name: m.event, properties: m.properties ?? {} });
    else if (m.type == 'page') {
      observe({ type: 'page', url: String((m.properties as { url?: unknown })?.url ?? location.href) });
      decide();
    } else if (m.type == 'identify') {
      if (def && !progress) start();
      observe({ type: 'traits', traits: api.user().traits });
    }
  }

  /** The user changed: an anonymous user's progress carries over to the identified user. */
  function rekey() {
    const [key, isUser] = userKey();
    const carry = progress && !identified && isUser ? progress.state : null;
    progress?.flush();
    progress = null;
    user = key;
    start(carry);
  }

  /** Begins tracking for the current user once the definition is valid and the user is in the audience. */
  function start(carry?: Progress | null) {
    def = variantOf(api, base!);
    const u = api.user();
    [user, identified] = userKey();
    if (!matchUser(def!.audience, u.traits, now())) {
      // Another user (after reset() or a sign-in) outside the audience: take the widget away.
      ui?.destroy();
      ui = undefined;
      view = 'hidden';
      return setBusy('checklist', false);
    }
    progress = createProgress(def!.id, def!.version ?? 1, user, Math.min(now(), firstSeen));
    if (carry && !Object.keys(progress.state.done).length) (progress.state = { ...carry }), progress.save();
    const replay = early;
    early = [];
    observe({ type: 'traits', traits: u.traits });
    for (const [o, t] of replay) {
      clock = t;
      observe(o);
    }
    clock = undefined;
    render(); // a new user's progress, if the widget is up
    // After the task: the core's first page view (sent right after setup) tells the session.
    setTimeout(decide);
  }

  /** Whether to show the widget on this page, and how. */
  function decide() {
    if (!def || !progress) return;
    const st = progress.state;
    const hide = !forced && (!active || st.never || (st.completed && !completedHere) || (session && st.hidden == session) || !matchPage(def.audience, location.href));
    if (hide) {
      if (view != 'hidden') (view = 'hidden'), render();
      return;
    }
    if (view != 'hidden') return;
    // Qualified (audience and page): every arm is exposed now; the holdout is shown nothing.
    if (def.experiment && expose(api, def.experiment) == HOLDOUT) return;
    view = 'launcher';
    render();
    if (def.autoOpen !== false && !st.opened && !forced) {
      const u = api.user();
      requestPrompt({
        id: 'checklist:' + def.id,
        priority: CHECKLIST_PROMPT_PRIORITY,
        user,
        traits: u.traits,
        granted: () => view == 'launcher' && handlers.open(false),
      });
    }
  }

  const handlers = {
    open(byUser = true) {
      clearTimeout(stepAside); // opened again by the user: it stays until they close it
      view = 'panel';
      requested = byUser;
      progress!.state.opened ??= now();
      progress!.save();
      render();
    },
    minimise() {
      view = 'launcher';
      render();
    },
    dismiss(forever: boolean) {
      const st = progress!.state;
      if (forever) st.never = now();
      else if (session) st.hidden = session;
      forced = false;
      view = 'hidden';
      progress!.flush();
      track('Checklist Dismissed', { forever, items_done: required().filter(isDone).length, items_total: required().length });
      render();
    },
    itemClick(item: string) {
      track('Checklist Item Clicked', { item });
    },
  };

  /** Loads the UI chunk the first time something must be shown, then (re-)renders it. */
  function render() {
    setBusy('checklist', view == 'panel');
    if (!def || !progress || (view == 'hidden' && !ui)) return;
    const st = progress.state;
    const props: ChecklistViewProps = {
      ...options,
      def,
      done: def.items.filter(isDone).map((i) => i.id),
      view,
      requested,
      complete: !!st.completed,
      focus,
      on: { open: () => handlers.open(), minimise: handlers.minimise, dismiss: handlers.dismiss, itemClick: handlers.itemClick, shown },
    };
    if (ui) return ui.update(props), (focus = undefined); // pointed at once
    if (ui === null) return; // loading
    ui = null;
    void loadUI(options.ui).then((mod) => {
      // Stepped aside (or gone) while the UI loaded: the box belongs to another checklist now.
      if (destroyed || view == 'hidden') return void (ui = undefined);
      if (!mod) {
        // Nothing can be shown on this page: do not hold back surveys for a panel nobody sees.
        ui = undefined;
        view = 'hidden';
        return setBusy('checklist', false);
      }
      try {
        ui = mod.mountChecklist(props);
        focus = undefined;
        render(); // state may have moved on while loading
      } catch (err) {
        warnOnce(messages.internal(err), 'error');
      }
    });
  }

  /** Called by the widget the first time it is on screen on this page. */
  function shown() {
    if (shownHere || !def || !progress || view == 'hidden') return;
    shownHere = true;
    progress.state.shown ??= now();
    progress.save();
    track('Checklist Shown', { view, items_done: required().filter(isDone).length, items_total: required().length });
  }

  const onStorage = (e: StorageEvent) => progress && e.key == progress.key && progress.merge(e.newValue) && render();
  const onExit = () => progress?.flush();
  addEventListener('storage', onStorage);
  addEventListener('pagehide', onExit);

  const controller: ChecklistController = {
    replay(seen) {
      for (const x of seen) 'type' in x ? onMessage(x) : observe({ type: 'click', target: x });
    },
    open(item, auto) {
      if (!def || !progress || (auto && (progress.state.never || progress.state.completed))) return false;
      forced = true;
      delete progress.state.hidden;
      focus = item;
      handlers.open();
      return true;
    },
    eligible() {
      const st = progress?.state;
      return !!st && matchPage(def!.audience, location.href) && !st.never && !(st.completed && !completedHere);
    },
    setActive(on) {
      if (on == active) return;
      active = on;
      if (!on) forced = false;
      decide();
      // Checklist widgets share one box in the UI: the one stepping aside leaves it.
      if (!on) ui?.destroy(), (ui = undefined);
    },
    destroy() {
      destroyed = true;
      clearTimeout(stepAside);
      stopDom?.();
      ui?.destroy();
      progress?.flush();
      setBusy('checklist', false);
      removeEventListener('storage', onStorage);
      removeEventListener('pagehide', onExit);
    },
  };
  // The definition was validated by the manager (createChecklists.ts). What happened first
  // (the page's messages so far), then the start: progress starts at the first message seen.
  def = base = definition;
  stopDom = watchDom(observe, () => def!.items.filter((i) => !progress || !isDone(i)).flatMap((i) => leavesOf(i.completeWhen).map(([, l]) => l.visible!).filter(Boolean)));
  controller.replay(seen);
  if (!user) start();
  return controller;
}
