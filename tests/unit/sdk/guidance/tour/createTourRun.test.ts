import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SabuMessage, Tour } from '@sabu/schema';
import { createTourRun } from '../../../../../packages/sdk/src/guidance/tour/createTourRun';
import type { ActiveTour, Outcome } from '../../../../../packages/sdk/src/guidance/tour/tourState';
import type { TourStepProps } from '../../../../../packages/sdk/src/guidance/shared/uiContract';

/**
 * One tour in progress, driven as the UI chunk drives it: the fake slot stands for the
 * widget (it reports `shown` once a step is drawn, as the real one does after painting),
 * and the assertions are on what a product team relies on: the Tour events and their
 * properties (docs/tours.md "Events"), the step on screen, and what is saved for a reload.
 */

type Sent = [string, Record<string, unknown>];

/** Gives an element a box: happy-dom lays nothing out, and a step waits for an anchor the user can see. */
function showable<E extends Element>(el: E): E {
  el.getBoundingClientRect = () => ({ x: 0, y: 0, top: 0, left: 0, right: 120, bottom: 30, width: 120, height: 30, toJSON() {} }) as DOMRect;
  return el;
}

function addAnchor(id: string, shown = true): HTMLElement {
  const el = document.createElement('button');
  el.id = id;
  document.body.append(shown ? showable(el) : el);
  return el;
}

function setup(def: Tour, at: Partial<ActiveTour> = {}) {
  const sent: Sent[] = [];
  const saved: ActiveTour[] = [];
  const ended: Outcome[] = [];
  /** The step on screen (null: nothing shown). */
  let screen: TourStepProps | null = null;
  const active: ActiveTour = { t: def.id, i: 0, v: -1, ...at };
  const run = createTourRun({
    def,
    active,
    options: { locale: 'en' } as TourStepProps,
    slot: {
      show(p) {
        screen = p;
        p.on.shown();
      },
      hide: () => void (screen = null),
    },
    track: (event, props) => void sent.push([event, props]),
    save: (a) => void saved.push({ ...a }),
    end: (how) => void ended.push(how),
  });
  return {
    run,
    sent,
    saved,
    ended,
    active,
    screen: () => screen,
    /** What the user clicks or presses in the step on screen. */
    on: () => screen!.on,
    events: () => sent.map(([e]) => e),
  };
}

const THREE: Tour = {
  id: 'welcome',
  steps: [
    { id: 'hello', text: 'Hi' },
    { id: 'menu', text: 'The menu' },
    { id: 'bye', text: 'Done' },
  ],
} as Tour;

const track = (event: string, properties: Record<string, unknown> = {}) => ({ type: 'track', event, properties }) as unknown as SabuMessage;

describe('createTourRun', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    document.body.innerHTML = '';
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows the first step and sends Tour Step Viewed with tour, step, index and steps', () => {
    const t = setup(THREE);
    t.run.start();
    expect(t.screen()).toMatchObject({ tour: 'welcome', index: 0, count: 3, anchor: null, next: true, step: { id: 'hello' } });
    expect(t.sent).toEqual([['Tour Step Viewed', { tour: 'welcome', step: 'hello', index: 0, steps: 3 }]]);
  });

  it('moves forward on Next and back on Back, viewing each step once per run, and saves each move', () => {
    const t = setup(THREE);
    t.run.start();
    // Where the user is, after every move: the controller writes it to localStorage.
    const at = () => ({ screen: t.screen()!.index, saved: t.saved.at(-1)?.i });
    t.on().next();
    expect(at()).toEqual({ screen: 1, saved: 1 });
    t.on().back();
    expect(at()).toEqual({ screen: 0, saved: 0 });
    t.on().back(); // nothing before the first step
    expect(at()).toEqual({ screen: 0, saved: 0 });
    t.on().next();
    expect(at()).toEqual({ screen: 1, saved: 1 });
    expect(t.sent).toEqual([
      ['Tour Step Viewed', { tour: 'welcome', step: 'hello', index: 0, steps: 3 }],
      ['Tour Step Viewed', { tour: 'welcome', step: 'menu', index: 1, steps: 3 }],
    ]);
    expect(t.saved.at(-1)).toEqual({ t: 'welcome', i: 1, v: 1 });
    expect(t.ended).toEqual([]);
  });

  it('completes after Next on the last step: Tour Completed {tour, steps}, the tip removed, nothing after', () => {
    const t = setup(THREE);
    t.run.start();
    const first = t.on();
    t.on().next();
    t.on().next();
    t.on().next();
    expect(t.events()).toEqual(['Tour Step Viewed', 'Tour Step Viewed', 'Tour Step Viewed', 'Tour Completed']);
    expect(t.sent.at(-1)).toEqual(['Tour Completed', { tour: 'welcome', steps: 3 }]);
    expect(t.screen()).toBeNull();
    expect(t.ended).toEqual(['completed']);
    // A late click on a stale button (a double click on Done) changes nothing.
    first.next();
    first.dismiss();
    t.run.observe(track('Anything'));
    expect(t.sent).toHaveLength(4);
    expect(t.ended).toEqual(['completed']);
  });

  it('dismiss (Escape, close, Skip) sends Tour Dismissed {tour, step, index} once and ends the tour', () => {
    const t = setup(THREE);
    t.run.start();
    t.on().next();
    const on = t.on();
    on.dismiss();
    on.dismiss();
    on.next();
    expect(t.sent.slice(2)).toEqual([['Tour Dismissed', { tour: 'welcome', step: 'menu', index: 1 }]]);
    expect(t.ended).toEqual(['dismissed']);
    expect(t.screen()).toBeNull();
  });

  it('dismiss() from the controller (another tour was asked for) reports the step the user was on', () => {
    const t = setup(THREE, { i: 2, v: 2 });
    t.run.start();
    t.run.dismiss();
    expect(t.sent).toEqual([['Tour Dismissed', { tour: 'welcome', step: 'bye', index: 2 }]]);
    expect(t.ended).toEqual(['dismissed']);
  });

  it('stop() (SDK shutting down) removes the tip without an event, an end or a save', () => {
    const t = setup(THREE);
    t.run.start();
    const saves = t.saved.length;
    t.run.stop();
    t.run.observe(track('Anything'));
    expect(t.screen()).toBeNull();
    expect(t.events()).toEqual(['Tour Step Viewed']);
    expect(t.ended).toEqual([]);
    expect(t.saved).toHaveLength(saves);
  });

  describe('resume (the state saved at every move, read back after a reload)', () => {
    it('carries on at the saved step without viewing again the steps already viewed', () => {
      const t = setup(THREE, { i: 1, v: 1 });
      t.run.start();
      expect(t.screen()!.index).toBe(1);
      expect(t.sent).toEqual([]);
      t.on().next();
      expect(t.sent).toEqual([['Tour Step Viewed', { tour: 'welcome', step: 'bye', index: 2, steps: 3 }]]);
    });
  });

  describe('anchored steps', () => {
    const ANCHORED: Tour = {
      id: 'anchored',
      anchorTimeoutSeconds: 2,
      steps: [
        { id: 'one', anchor: '#one', text: 'One' },
        { id: 'two', anchor: '#two', text: 'Two' },
        { id: 'three', text: 'Three' },
      ],
    } as Tour;

    it('points the step at its anchor when it is on the page', () => {
      const one = addAnchor('one');
      const t = setup(ANCHORED);
      t.run.start();
      expect(t.screen()!.anchor).toBe(one);
    });

    it('waits for an anchor that appears late, with the previous tip hidden meanwhile', async () => {
      addAnchor('one');
      const t = setup(ANCHORED);
      t.run.start();
      t.on().next();
      expect(t.screen()).toBeNull(); // nothing pointing at nothing
      await vi.advanceTimersByTimeAsync(500);
      const two = addAnchor('two');
      await vi.advanceTimersByTimeAsync(300);
      expect(t.screen()).toMatchObject({ index: 1, anchor: two });
      await vi.advanceTimersByTimeAsync(5000);
      expect(t.events()).not.toContain('Tour Step Failed');
    });

    it('anchor missing: Tour Step Failed {tour, step, index, reason: anchor_missing} after the timeout, then the next step', async () => {
      addAnchor('one');
      const t = setup(ANCHORED);
      t.run.start();
      t.on().next();
      await vi.advanceTimersByTimeAsync(1999);
      expect(t.events()).not.toContain('Tour Step Failed');
      await vi.advanceTimersByTimeAsync(1);
      expect(t.sent.slice(1)).toEqual([
        ['Tour Step Failed', { tour: 'anchored', step: 'two', index: 1, reason: 'anchor_missing' }],
        ['Tour Step Viewed', { tour: 'anchored', step: 'three', index: 2, steps: 3 }],
      ]);
      expect(t.screen()!.index).toBe(2);
      expect(t.ended).toEqual([]);
    });

    it('anchor on the page but never shown: reason anchor_hidden', async () => {
      addAnchor('one', false);
      const t = setup(ANCHORED);
      t.run.start();
      await vi.advanceTimersByTimeAsync(2000);
      expect(t.sent[0]).toEqual(['Tour Step Failed', { tour: 'anchored', step: 'one', index: 0, reason: 'anchor_hidden' }]);
    });

    it('onMissing "end" ends the tour as failed, with no Tour Completed', async () => {
      const t = setup({ ...ANCHORED, onMissing: 'end' } as Tour);
      t.run.start();
      await vi.advanceTimersByTimeAsync(2000);
      expect(t.sent).toEqual([['Tour Step Failed', { tour: 'anchored', step: 'one', index: 0, reason: 'anchor_missing' }]]);
      expect(t.ended).toEqual(['failed']);
      expect(t.screen()).toBeNull();
    });

    it('a step may end the tour on its own even when the tour skips', async () => {
      const def = { ...ANCHORED, steps: [{ ...ANCHORED.steps[0], onMissing: 'end' }, ...ANCHORED.steps.slice(1)] } as Tour;
      const t = setup(def);
      t.run.start();
      await vi.advanceTimersByTimeAsync(2000);
      expect(t.ended).toEqual(['failed']);
    });

    it('a missing anchor on the last step ends the tour as failed (nothing left to skip to)', async () => {
      const def = { ...ANCHORED, steps: [THREE.steps[0], { id: 'last', anchor: '#last', text: 'Last' }] } as Tour;
      const t = setup(def);
      t.run.start();
      t.on().next();
      await vi.advanceTimersByTimeAsync(2000);
      expect(t.events()).toEqual(['Tour Step Viewed', 'Tour Step Failed']);
      expect(t.ended).toEqual(['failed']);
    });

    it('an anchor that leaves the page is looked for again, and the step fails if it never returns', async () => {
      const one = addAnchor('one');
      const t = setup(ANCHORED);
      t.run.start();
      one.remove();
      t.on().anchorLost();
      expect(t.screen()).toBeNull();
      const back = addAnchor('one');
      await vi.advanceTimersByTimeAsync(200);
      expect(t.screen()!.anchor).toBe(back);
      back.remove();
      t.on().anchorLost();
      await vi.advanceTimersByTimeAsync(2000);
      expect(t.sent.filter(([e]) => e == 'Tour Step Failed')).toEqual([['Tour Step Failed', { tour: 'anchored', step: 'one', index: 0, reason: 'anchor_missing' }]]);
      // Step 'one' was viewed once (finding its anchor again is no new view); the run moved on to 'two', which waits for its own anchor.
      expect(t.events().filter((e) => e == 'Tour Step Viewed')).toHaveLength(1);
      expect(t.active.i).toBe(1);
      expect(t.screen()).toBeNull();
    });

    it('advance "click": no Next button, a click on the anchor (or inside it) moves on', () => {
      const one = addAnchor('one');
      one.innerHTML = '<span>icon</span>';
      const def = { ...ANCHORED, steps: [{ ...ANCHORED.steps[0], advance: 'click' }, THREE.steps[1]] } as Tour;
      const t = setup(def);
      t.run.start();
      expect(t.screen()!.next).toBe(false);
      document.body.click(); // elsewhere: nothing
      expect(t.screen()!.index).toBe(0);
      one.querySelector('span')!.click();
      expect(t.screen()!.index).toBe(1);
    });
  });

  describe('advanceWhen (the shared condition language)', () => {
    it('moves on when the named event is tracked, and not on another one', () => {
      const def = { id: 'w', steps: [{ id: 'make', text: 'Make one', advanceWhen: { event: 'Project Created' } }, THREE.steps[2]] } as Tour;
      const t = setup(def);
      t.run.start();
      expect(t.screen()!.next).toBe(false);
      t.run.observe(track('Report Exported'));
      expect(t.screen()!.index).toBe(0);
      t.run.observe(track('Project Created'));
      expect(t.screen()!.index).toBe(1);
    });

    it('all: moves on only once every part held, in any order', () => {
      const def = { id: 'w', steps: [{ id: 'both', text: 'Both', advanceWhen: { all: [{ event: 'A' }, { event: 'B' }] } }, THREE.steps[2]] } as Tour;
      const t = setup(def);
      t.run.start();
      t.run.observe(track('B'));
      expect(t.screen()!.index).toBe(0);
      t.run.observe(track('A'));
      expect(t.screen()!.index).toBe(1);
    });

    it('a URL condition already met on this page moves on at once', () => {
      const def = { id: 'w', steps: [{ id: 'go', text: 'Go', advanceWhen: { url: '*' } }, THREE.steps[2]] } as Tour;
      const t = setup(def);
      t.run.start();
      expect(t.screen()!.index).toBe(1);
      expect(t.sent).toEqual([['Tour Step Viewed', { tour: 'w', step: 'bye', index: 1, steps: 2 }]]);
    });
  });

  describe('a step on another page (step.url)', () => {
    it('shows nothing elsewhere, with no timeout, and appears once the route gets there', async () => {
      history.replaceState(null, '', '/app/home');
      const def = { id: 'w', anchorTimeoutSeconds: 1, steps: [THREE.steps[0], { id: 'settings', url: '/app/settings', text: 'Here' }] } as Tour;
      const t = setup(def);
      t.run.start();
      t.on().next();
      expect(t.screen()).toBeNull();
      await vi.advanceTimersByTimeAsync(60_000);
      expect(t.events()).toEqual(['Tour Step Viewed']);
      history.replaceState(null, '', '/app/settings');
      t.run.observe({ type: 'page', properties: { url: location.href } } as unknown as SabuMessage);
      expect(t.screen()).toMatchObject({ index: 1, step: { id: 'settings' } });
      expect(t.events()).toEqual(['Tour Step Viewed', 'Tour Step Viewed']);
    });
  });
});
