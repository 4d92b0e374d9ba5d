import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTourController } from '../../../../../packages/sdk/src/guidance/tour/createTourController';
import { readTourState } from '../../../../../packages/sdk/src/guidance/tour/tourState';
import { services } from '../../../../../packages/sdk/src/guidance/shared/services';
import { _resetUI } from '../../../../../packages/sdk/src/guidance/shared/loadUI';

const TOUR = { id: 'welcome', triggers: [{ event: 'Project Created' }], steps: [{ id: 'a', text: 'Hi' }, { id: 'b', text: 'There' }, { id: 'c', text: 'Done' }] };

function setup() {
  _resetUI();
  const sent: [string, Record<string, unknown>][] = [];
  const api = {
    // The widgets never load here: what is asserted is decided before anything is drawn.
    config: { writeKey: 'wk', endpoint: '/e', debug: false, ui: () => new Promise(() => {}) } as any,
    user: () => ({ anonymousId: 'anon-1', userId: 'u1', groupId: null, traits: {} }),
    track: (event: string, properties: Record<string, unknown> = {}) => void sent.push([event, properties]),
    onMessage: () => () => {},
  };
  return { sent, c: createTourController(api as any, services) };
}

describe('a tour requested at a step (do.tour + do.step of a playbook)', () => {
  beforeEach(() => {
    localStorage.clear();
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('starts as requested at that step, bounded to the steps of the tour', async () => {
    const p = setup();
    p.c.add(TOUR);
    p.c.request('welcome', 1);
    await vi.advanceTimersByTimeAsync(5);
    expect(p.sent).toEqual([['Tour Started', { tour: 'welcome', steps: 3, trigger: 'requested' }]]);
    expect(readTourState('u1', 'anon-1').a).toMatchObject({ t: 'welcome', i: 1 });
    p.c.destroy();

    localStorage.clear();
    const q = setup();
    q.c.add(TOUR);
    q.c.request('welcome', 99);
    expect(readTourState('u1', 'anon-1').a).toMatchObject({ t: 'welcome', i: 2 });
    q.c.destroy();
  });
});
