import type { SabuMessage, Tour } from '@sabu/schema';
import { closest, holds, leafMatches, leavesOf, type Observation } from '../shared/matchRules.js';
import { matchUrl } from '../shared/matchUrl.js';
import { watchDom } from '../shared/watchDom.js';
import type { TourStepProps, UIOptions } from '../shared/uiContract.js';
import type { Slot } from './createSlot.js';
import { stepOptions } from './tourRules.js';
import type { ActiveTour, Outcome } from './tourState.js';
import { waitForAnchor } from './waitForAnchor.js';

/** While a step waits for the user to reach its page, the URL is looked at this often (ms): a router may change it without a page view. */
const URL_POLL_MS = 500;

export interface TourRunDeps {
  def: Tour;
  /** Where the tour is (saved on every move). */
  active: ActiveTour;
  options: UIOptions;
  slot: Slot<TourStepProps>;
  track(event: string, props: Record<string, unknown>): void;
  save(active: ActiveTour): void;
  /** The tour is over (the run has cleaned up). */
  end(how: Outcome): void;
}

export interface TourRun {
  def: Tour;
  start(): void;
  /** An accepted message (events and page views move `advanceWhen` steps; a route change may bring a step's page). */
  observe(m: SabuMessage): void;
  /** Ends the tour as the user closing it would (another tour was asked for). */
  dismiss(): void;
  /** Stops without an event or a saved change (the SDK is shutting down). */
  stop(): void;
}

/**
 * One tour in progress: shows its current step, waits for the step's page and anchor,
 * moves on by Next, a click on the anchor or the step's condition, and sends the Tour
 * events. Where it is, is saved at every move, so a reload or a new page carries on.
 */
export function createTourRun(d: TourRunDeps): TourRun {
  const { def, active: a } = d;
  const last = def.steps.length - 1;
  /** Cleanups of the current step (anchor wait, listeners, URL poll). */
  let offs: (() => void)[] = [];
  /** Leaves of the current step's condition met so far. */
  let met = new Set<string>();
  let over = false;
  const base = () => ({ tour: def.id, step: def.steps[a.i]!.id, index: a.i });

  const cleanup = () => (offs.forEach((f) => f()), (offs = []));

  function finish(how: Outcome) {
    if (over) return;
    over = true;
    cleanup();
    d.slot.hide();
    if (how == 'completed') d.track('Tour Completed', { tour: def.id, steps: def.steps.length });
    d.end(how);
  }

  function go(i: number) {
    cleanup();
    if (i > last) return finish('completed');
    a.i = Math.max(0, i);
    d.save(a);
    show();
  }

  /** Reports one observation against the current step's condition (`advanceWhen`). */
  function see(o: Observation) {
    const step = def.steps[a.i]!;
    if (step.advance == 'click' && o.type == 'click' && closest(o.target, step.anchor!)) return go(a.i + 1);
    const rule = step.advanceWhen;
    if (!rule) return;
    for (const [key, leaf] of leavesOf(rule)) if (leafMatches(leaf, o)) met.add(key);
    if (holds(rule, met)) go(a.i + 1);
  }

  function show() {
    cleanup();
    met = new Set();
    const step = def.steps[a.i]!;
    const o = stepOptions(def, step);
    if (step.url && !matchUrl(step.url, location.href)) {
      // Not this step's page: nothing shown, no timeout; the user may get there later.
      d.slot.hide();
      const t = setInterval(() => matchUrl(step.url!, location.href) && show(), URL_POLL_MS);
      return void offs.push(() => clearInterval(t));
    }
    if (step.advance == 'click' || step.advanceWhen) {
      const visible = step.advanceWhen ? leavesOf(step.advanceWhen).flatMap(([, l]) => (l.visible ? [l.visible] : [])) : [];
      offs.push(watchDom(see, () => visible));
      // Already on the page the condition names: it holds now.
      see({ type: 'page', url: location.href });
      if (over || def.steps[a.i] != step) return;
    }
    const render = (anchor: Element | null) =>
      d.slot.show({
        ...d.options,
        tour: def.id,
        step,
        index: a.i,
        count: def.steps.length,
        anchor,
        spotlight: o.spotlight,
        next: o.next,
        on: handlers,
      });
    if (!step.anchor) return render(null);
    let found = false;
    offs.push(
      waitForAnchor(step.anchor, o.timeoutMs, (el) => ((found = true), render(el)), (reason) => {
        d.track('Tour Step Failed', { ...base(), reason });
        if (o.end || a.i == last) finish('failed');
        else go(a.i + 1);
      }),
    );
    // Not on the page yet: the previous step's tip does not point at nothing meanwhile.
    if (!found) d.slot.hide();
  }

  const handlers: TourStepProps['on'] = {
    shown() {
      if (over || a.i <= a.v) return;
      a.v = a.i;
      d.save(a);
      d.track('Tour Step Viewed', { ...base(), steps: def.steps.length });
    },
    next: () => !over && go(a.i + 1),
    back: () => !over && a.i > 0 && go(a.i - 1),
    dismiss() {
      if (over) return;
      d.track('Tour Dismissed', base());
      finish('dismissed');
    },
    anchorLost: () => !over && show(),
  };

  return {
    def,
    start: show,
    observe(m) {
      if (over) return;
      if (m.type == 'track') see({ type: 'event', name: m.event, properties: (m.properties as Record<string, unknown>) ?? {} });
      else if (m.type == 'page') {
        const url = String((m.properties as { url?: unknown })?.url ?? location.href);
        see({ type: 'page', url });
        // A route change: the step may now be on its page, or its anchor re-rendered.
        if (!over) show();
      } else if (m.type == 'identify') see({ type: 'traits', traits: (m.traits as Record<string, unknown>) ?? {} });
    },
    dismiss: () => handlers.dismiss(),
    stop() {
      over = true;
      cleanup();
      d.slot.hide();
    },
  };
}
