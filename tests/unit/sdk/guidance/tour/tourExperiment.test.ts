import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTourController } from '../../../../../packages/sdk/src/guidance/tour/createTourController';
import { services } from '../../../../../packages/sdk/src/guidance/shared/services';
import { _resetUI } from '../../../../../packages/sdk/src/guidance/shared/loadUI';
import { _resetTyping } from '../../../../../packages/sdk/src/guidance/shared/typingPause';
import { _resetExposures, assignVariant } from '../../../../../packages/sdk/src/guidance/shared/experiment';

const NOW = Date.UTC(2026, 10, 30, 10);
const TOUR = { id: 'welcome', triggers: [{ event: 'Project Created' }], steps: [{ id: 'a', text: 'Hi' }, { id: 'b', text: 'There' }] };

function setup(def: unknown) {
  _resetUI();
  const sent: [string, Record<string, unknown>][] = [];
  const listeners: ((m: any) => void)[] = [];
  const api = {
    // The widgets never load here: what is asserted is decided before anything is drawn.
    config: { writeKey: 'wk', endpoint: '/e', debug: false, ui: () => new Promise(() => {}) } as any,
    user: () => ({ anonymousId: 'anon-1', userId: 'u1', groupId: null, traits: {} }),
    track: (event: string, properties: Record<string, unknown> = {}) => {
      sent.push([event, properties]);
      listeners.forEach((l) => l({ type: 'track', event, properties, timestamp: new Date().toISOString(), context: { sessionId: 's1' } }));
    },
    onMessage: (l: (m: any) => void) => (listeners.push(l), () => listeners.splice(listeners.indexOf(l), 1)),
  };
  const c = createTourController(api as any, services);
  c.add(def);
  return { sent, c, track: api.track, names: () => sent.map(([e]) => e).filter((e) => e != 'Project Created') };
}
const settle = async () => {
  for (let i = 0; i < 5; i++) await vi.advanceTimersByTimeAsync(1);
};

describe('experiments on tours', () => {
  beforeEach(() => {
    localStorage.clear();
    vi.useFakeTimers({ now: NOW });
    _resetTyping();
    _resetExposures();
  });
  afterEach(() => vi.useRealTimers());

  it('the holdout is exposed when the tour would start, and it does not start', async () => {
    const p = setup({ ...TOUR, experiment: { id: 'tour-xp', variants: [{ id: 'control' }], holdout: 1 } });
    p.track('Project Created');
    await settle();
    expect(p.sent.filter(([e]) => e == 'Experiment Exposed')).toEqual([['Experiment Exposed', { experiment: 'tour-xp', variant: 'holdout' }]]);
    expect(p.names()).toEqual(['Experiment Exposed']);
    p.c.destroy();
  });

  it('other users start their variant of the tour', async () => {
    const experiment = { id: 'tour-len', variants: [{ id: 'control' }, { id: 'short', overrides: { steps: [{ id: 'only', text: 'One' }] } }] };
    const p = setup({ ...TOUR, experiment });
    p.track('Project Created');
    await settle();
    const arm = assignVariant(experiment, 'u1');
    expect(p.sent.filter(([e]) => e.startsWith('Experiment') || e == 'Tour Started')).toEqual([
      ['Experiment Exposed', { experiment: 'tour-len', variant: arm }],
      ['Tour Started', { tour: 'welcome', steps: arm == 'short' ? 1 : 2, trigger: 'event' }],
    ]);
    p.c.destroy();
  });
});
