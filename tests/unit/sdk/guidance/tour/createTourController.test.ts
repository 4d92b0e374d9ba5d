import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SabuMessage } from '@sabu/schema';
import { createTourController } from '../../../../../packages/sdk/src/guidance/tour/createTourController';
import { readTourState } from '../../../../../packages/sdk/src/guidance/tour/tourState';
import { services } from '../../../../../packages/sdk/src/guidance/shared/services';
import { _resetUI } from '../../../../../packages/sdk/src/guidance/shared/loadUI';
import type { TourStepProps } from '../../../../../packages/sdk/src/guidance/shared/uiContract';

/**
 * A whole tour through the runtime, with a stand-in for the UI chunk that draws nothing
 * but reports `shown` as the real widget does: the event sequence a funnel report reads,
 * and a reload in the middle of the tour (a new controller on the same localStorage).
 */

const TOUR = {
  id: 'welcome',
  triggers: [{ event: 'Project Created' }],
  steps: [
    { id: 'a', text: 'Hi' },
    { id: 'b', text: 'There' },
    { id: 'c', text: 'Done' },
  ],
};

let screen: TourStepProps | null = null;
/** Controllers of the test, destroyed after it even when it failed (the prompt budget's busy flag is shared). */
let open: { destroy(): void }[] = [];

/** One page load: a controller with its own listeners, on the shared localStorage. */
function page() {
  _resetUI();
  const sent: [string, Record<string, unknown>][] = [];
  let listener: ((m: SabuMessage) => void) | undefined;
  const draw = (p: TourStepProps) => ((screen = p), p.on.shown());
  const ui = async () => ({
    loadGuides: async () => ({
      mountTourStep: (p: TourStepProps) => (draw(p), { update: draw, destroy: () => void (screen = null) }),
      mountGuide: () => ({ update() {}, destroy() {} }),
    }),
  });
  const api = {
    config: { writeKey: 'wk', endpoint: '/e', debug: false, ui } as any,
    user: () => ({ anonymousId: 'anon-1', userId: 'u1', groupId: null, traits: {} }),
    track: (event: string, properties: Record<string, unknown> = {}) => void sent.push([event, properties]),
    onMessage: (fn: (m: SabuMessage) => void) => ((listener = fn), () => (listener = undefined)),
  };
  const c = createTourController(api as any, services);
  open.push(c);
  return { c, sent, emit: (m: SabuMessage) => listener?.(m) };
}

const tracked = (event: string) => ({ type: 'track', event, properties: {}, context: { sessionId: 's1' } }) as unknown as SabuMessage;

describe('a tour through the runtime', () => {
  beforeEach(() => {
    localStorage.clear();
    screen = null;
    vi.useFakeTimers();
  });
  afterEach(() => {
    open.forEach((c) => c.destroy());
    open = [];
    vi.useRealTimers();
  });

  it('sends Tour Started {tour, steps, trigger}, one Tour Step Viewed per step, then Tour Completed', async () => {
    const p = page();
    p.c.add(TOUR);
    p.c.request('welcome');
    await vi.advanceTimersByTimeAsync(5);
    screen!.on.next();
    screen!.on.next();
    screen!.on.next();
    expect(p.sent).toEqual([
      ['Tour Started', { tour: 'welcome', steps: 3, trigger: 'requested' }],
      ['Tour Step Viewed', { tour: 'welcome', step: 'a', index: 0, steps: 3 }],
      ['Tour Step Viewed', { tour: 'welcome', step: 'b', index: 1, steps: 3 }],
      ['Tour Step Viewed', { tour: 'welcome', step: 'c', index: 2, steps: 3 }],
      ['Tour Completed', { tour: 'welcome', steps: 3 }],
    ]);
    expect(screen).toBeNull();
    expect(readTourState('u1', 'anon-1')).toMatchObject({ r: { welcome: { how: 'completed' } } });
    expect(readTourState('u1', 'anon-1').a).toBeUndefined();
  });

  it('resumes after a reload at the step the user was on, with no second Tour Started or view', async () => {
    const first = page();
    first.c.add(TOUR);
    first.c.request('welcome');
    await vi.advanceTimersByTimeAsync(5);
    screen!.on.next();
    // The page unloads (the SDK stops: no event, no save); the next page starts from localStorage alone.
    first.c.destroy();
    expect(screen).toBeNull();
    const second = page();
    second.c.add(TOUR);
    await vi.advanceTimersByTimeAsync(5);
    expect(screen).toMatchObject({ tour: 'welcome', index: 1, step: { id: 'b' } });
    expect(second.sent).toEqual([]);
    screen!.on.dismiss();
    expect(second.sent).toEqual([['Tour Dismissed', { tour: 'welcome', step: 'b', index: 1 }]]);
    // Dismissed: its trigger no longer starts it by itself.
    second.emit(tracked('Project Created'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(second.sent.map(([e]) => e)).toEqual(['Tour Dismissed']);
  });

  it('a triggered tour names its trigger in Tour Started', async () => {
    const p = page();
    p.c.add(TOUR);
    p.emit(tracked('Project Created'));
    await vi.advanceTimersByTimeAsync(5);
    expect(p.sent[0]).toEqual(['Tour Started', { tour: 'welcome', steps: 3, trigger: 'event' }]);
  });
});
