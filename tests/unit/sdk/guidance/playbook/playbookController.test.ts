import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Playbook } from '@sabu/schema';
import { createPlaybookController, type PlaybookActions, type PlaybookController } from '../../../../../packages/sdk/src/guidance/playbook/playbookController';
import { _resetUI } from '../../../../../packages/sdk/src/guidance/shared/loadUI';
import { services } from '../../../../../packages/sdk/src/guidance/shared/services';
import { canPrompt, isBusy } from '../../../../../packages/sdk/src/guidance/shared/promptBudget';
import type { HintViewProps } from '../../../../../packages/sdk/src/guidance/shared/uiContract';
import { _resetTyping } from '../../../../../packages/sdk/src/guidance/shared/typingPause';
import { _resetExposures } from '../../../../../packages/sdk/src/guidance/shared/experiment';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 30, 9);
const live: PlaybookController[] = [];

const RAGE: Playbook = {
  id: 'rage-pay',
  when: { friction: 'rage', count: 3, withinSeconds: 60, element: '#pay' },
  do: { hint: { selector: '#card', text: { en: 'Enter your card first', ja: 'カードを先に' } } },
};

/** A page with the SDK: a fake core API, a fake UI chunk, and the controller under test. */
function setup(defs: unknown, opts: { traits?: Record<string, unknown>; config?: Record<string, unknown>; session?: string; actions?: Partial<PlaybookActions> } = {}) {
  _resetUI();
  const sent: [string, Record<string, unknown>][] = [];
  const listeners: ((m: any) => void)[] = [];
  const hints: { props: HintViewProps; destroyed: boolean }[] = [];
  const fakeUI = {
    version: 'test',
    mountChecklist: () => ({ update() {}, destroy() {} }),
    mountSurvey: () => ({ update() {}, destroy() {} }),
    mountHint(props: HintViewProps) {
      const m = { props, destroyed: false };
      hints.push(m);
      props.on.shown();
      return { update: (p: HintViewProps) => void (m.props = p), destroy: () => void (m.destroyed = true) };
    },
  };
  let session = opts.session ?? 's1';
  const message = (m: Record<string, unknown>) => ({ timestamp: new Date().toISOString(), context: { sessionId: session }, ...m });
  const api = {
    config: { writeKey: 'wk', endpoint: '/e', debug: true, ui: async () => fakeUI, ...opts.config } as any,
    user: () => ({ anonymousId: 'anon-1', userId: 'u1', groupId: null, traits: opts.traits ?? {} }),
    track: (event: string, properties: Record<string, unknown> = {}) => {
      sent.push([event, properties]);
      listeners.forEach((l) => l(message({ type: 'track', event, properties })));
    },
    onMessage: (l: (m: any) => void) => (listeners.push(l), () => listeners.splice(listeners.indexOf(l), 1)),
  };
  const actions: PlaybookActions = { checklist: vi.fn(() => true), survey: vi.fn(() => true), ...opts.actions };
  const c = createPlaybookController(api as any, services, actions);
  live.push(c);
  c.add(defs);
  return {
    sent,
    hints,
    actions,
    c,
    playbook: (name: string) => sent.filter(([e]) => e.startsWith('Playbook')).map(([e, p]) => [e, p]).filter(([e]) => e == name).map(([, p]) => p),
    track: api.track,
    page: (s = session) => {
      session = s;
      listeners.forEach((l) => l(message({ type: 'page', properties: { url: location.href } })));
    },
    rage: (n: number, selector = '#pay') => {
      for (let i = 0; i < n; i++) api.track('Rage Click', { selector, page: '/billing', count: 3 });
    },
  };
}
const settle = async () => {
  for (let i = 0; i < 5; i++) await vi.advanceTimersByTimeAsync(1);
};

describe('client playbooks', () => {
  beforeEach(() => {
    localStorage.clear();
    vi.useFakeTimers({ now: NOW });
    _resetTyping();
    _resetExposures();
    document.body.innerHTML = '<input id="card"><button id="pay">Pay</button><button id="other">Other</button>';
  });
  afterEach(() => {
    live.splice(0).forEach((c) => c.destroy());
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('shows the hint once the third rage click on the element crosses the line, and reports it', async () => {
    const p = setup(RAGE);
    p.rage(2);
    p.rage(5, '#other'); // elsewhere: does not count
    await settle();
    expect(p.hints).toEqual([]);
    p.rage(1);
    await settle();
    expect(p.playbook('Playbook Triggered')).toEqual([{ playbook: 'rage-pay', reason: 'rage', counts: { count: 3, withinSeconds: 60 } }]);
    expect(p.hints.map((h) => h.props.selector)).toEqual(['#card']);
    expect(p.hints[0]!.props.text).toEqual(RAGE.do.hint!.text);
    expect(p.playbook('Playbook Action Shown')).toEqual([{ playbook: 'rage-pay', action: 'hint' }]);
    expect(isBusy()).toBe(true); // other prompts wait while it is up
    p.hints[0]!.props.on.close();
    expect(p.hints[0]!.destroyed).toBe(true);
    expect(isBusy()).toBe(false);
  });

  it('does not count rage clicks further apart than the window', async () => {
    const p = setup(RAGE);
    p.rage(2);
    await vi.advanceTimersByTimeAsync(61_000);
    p.rage(1);
    await settle();
    expect(p.playbook('Playbook Triggered')).toEqual([]);
  });

  it('does not fire again within the cool-down, also after a reload, and fires after it', async () => {
    let p = setup(RAGE);
    p.rage(3);
    await settle();
    p.hints[0]!.props.on.close();
    p.rage(3);
    await settle();
    expect(p.playbook('Playbook Triggered')).toHaveLength(1);
    p.c.destroy();
    p = setup(RAGE); // a reload
    p.rage(3);
    await settle();
    expect(p.playbook('Playbook Triggered')).toEqual([]);
    expect(p.hints).toEqual([]);
    vi.setSystemTime(NOW + DAY + 1000);
    localStorage.removeItem('sabu_prompt:u1'); // the shared prompt budget aside: the cool-down alone is tested
    p.rage(3);
    await settle();
    expect(p.playbook('Playbook Triggered')).toHaveLength(1);
    expect(p.hints).toHaveLength(1);
  });

  it('stops at the cap per user', async () => {
    const p = setup({ ...RAGE, cooldownHours: 0, maxPerUser: 2, do: { event: 'Needs Help', properties: { area: 'billing' } } });
    p.rage(9);
    await settle();
    expect(p.playbook('Playbook Triggered')).toHaveLength(2);
    expect(p.sent.filter(([e]) => e == 'Needs Help')).toEqual([['Needs Help', { area: 'billing' }], ['Needs Help', { area: 'billing' }]]);
    expect(p.playbook('Playbook Action Shown')).toEqual([{ playbook: 'rage-pay', action: 'event' }, { playbook: 'rage-pay', action: 'event' }]);
  });

  it('respects the shared prompt budget: no hint when another prompt was shown recently, but it still counts as triggered', async () => {
    localStorage.setItem('sabu_prompt:u1', JSON.stringify({ at: NOW - DAY, id: 'survey:nps' }));
    const p = setup(RAGE);
    p.rage(3);
    await settle();
    expect(p.playbook('Playbook Triggered')).toHaveLength(1);
    expect(p.hints).toEqual([]);
    expect(p.playbook('Playbook Action Shown')).toEqual([]);
  });

  it('does not point at an element that is not on the page (and spends no budget)', async () => {
    document.body.innerHTML = '<button id="pay">Pay</button>';
    const p = setup(RAGE);
    p.rage(3);
    await settle();
    expect(p.hints).toEqual([]);
    expect(localStorage.getItem('sabu_prompt:u1')).toBeNull();
  });

  it('holdout users see nothing, are exposed once and still send Playbook Triggered', async () => {
    const p = setup({ ...RAGE, cooldownHours: 0, experiment: { id: 'rage-help', variants: [{ id: 'hint' }], holdout: 1 } });
    p.rage(6);
    await settle();
    expect(p.sent.filter(([e]) => e == 'Experiment Exposed')).toEqual([['Experiment Exposed', { experiment: 'rage-help', variant: 'holdout' }]]);
    expect(p.playbook('Playbook Triggered')).toEqual([
      { playbook: 'rage-pay', reason: 'rage', counts: { count: 3, withinSeconds: 60 }, variant: 'holdout' },
      { playbook: 'rage-pay', reason: 'rage', counts: { count: 3, withinSeconds: 60 }, variant: 'holdout' },
    ]);
    expect(p.hints).toEqual([]);
  });

  it('applies the audience before anything (no exposure for users outside it)', async () => {
    const p = setup({ ...RAGE, audience: { traits: { plan: 'trial' } }, experiment: { id: 'x', variants: [{ id: 'a' }] } }, { traits: { plan: 'pro' } });
    p.rage(3);
    await settle();
    expect(p.sent.filter(([e]) => e != 'Rage Click')).toEqual([]);
  });

  it('asks a survey after friction, and opens the checklist at an item within the budget', async () => {
    const p = setup([
      { id: 'ces-after-abandon', when: { flowAbandoned: 'setup' }, do: { survey: 'ces' } },
      { id: 'help-export', when: { event: 'Export Failed', count: 2 }, do: { checklist: 'onboarding', item: 'connect' } },
    ]);
    p.track('Flow Abandoned', { flow: 'other' });
    p.track('Flow Abandoned', { flow: 'setup' });
    await settle();
    expect(p.actions.survey).toHaveBeenCalledWith('ces');
    p.track('Export Failed');
    p.track('Export Failed');
    await settle();
    expect(p.actions.checklist).toHaveBeenCalledWith('connect');
    expect(p.playbook('Playbook Action Shown')).toEqual([{ playbook: 'ces-after-abandon', action: 'survey' }, { playbook: 'help-export', action: 'checklist' }]);
  });

  it('keeps the prompt budget when the checklist it should open is not on the page', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const p = setup([{ id: 'help-export', when: { event: 'Export Failed' }, do: { checklist: 'onboarding' } }], { actions: { checklist: vi.fn(() => false) } });
    p.track('Export Failed');
    await settle();
    expect(p.actions.checklist).toHaveBeenCalled();
    expect(p.playbook('Playbook Action Shown')).toEqual([]);
    expect(canPrompt('u1', {})).toBe(true); // a later survey may still be shown
    warn.mockRestore();
  });

  it('says so, once, when a tour is asked for in a build without tours', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const p = setup({ id: 'tour-it', when: { event: 'Stuck' }, do: { tour: 'billing', step: 2 } });
    p.track('Stuck');
    await settle();
    expect(warn).toHaveBeenCalledWith('[sabu] playbook "tour-it": do.tour needs tours, which this build of Sabu does not have.');
    expect(p.playbook('Playbook Action Shown')).toEqual([]);
  });

  it('starts a tour at its step when tours are built in', async () => {
    const tour = vi.fn(() => true);
    const p = setup({ id: 'tour-it', when: { event: 'Stuck' }, do: { tour: 'billing', step: 2 } }, { actions: { tour } });
    p.track('Stuck');
    await settle();
    expect(tour).toHaveBeenCalledWith('billing', 2);
    expect(JSON.parse(localStorage.getItem('sabu_prompt:u1')!).id).toBe('playbook:tour-it'); // the budget was the playbook's
    expect(p.playbook('Playbook Action Shown')).toEqual([{ playbook: 'tour-it', action: 'tour' }]);
  });

  it('checks at session start: no first value 7 days after signup, once per session', async () => {
    const def = { id: 'stalled', when: { noValueAfterDays: 7 }, do: { event: 'Stalled' } };
    const traits = { created_at: new Date(NOW - 8 * DAY).toISOString() };
    let p = setup(def, { traits, config: { value: { event: 'Report Created' } } });
    p.page();
    p.page(); // same session
    expect(p.playbook('Playbook Triggered')).toEqual([{ playbook: 'stalled', reason: 'noValue', counts: { days: 8, threshold: 7 } }]);
    p.c.destroy();
    p = setup(def, { traits, config: { value: { event: 'Report Created' } } }); // reload, same session
    p.page();
    expect(p.playbook('Playbook Triggered')).toEqual([]);
    // Value reached: later sessions never fire.
    localStorage.clear();
    p.track('First Value Reached');
    p.page('s2');
    expect(p.playbook('Playbook Triggered')).toEqual([]);
  });

  it('needs config.value for the no-value condition, and says so', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const p = setup({ id: 'stalled2', when: { noValueAfterDays: 7 }, do: { event: 'Stalled' } }, { traits: { created_at: NOW - 30 * DAY } });
    p.page();
    expect(p.playbook('Playbook Triggered')).toEqual([]);
    expect(warn.mock.calls.join('\n')).toContain('needs the value moment, config.value');
  });

  it('fires when a feature is still unused by the Nth session, not when it was used', async () => {
    const def = { id: 'export-nudge', when: { featureNotUsed: 'export', afterSessions: 3 }, cooldownHours: 0, do: { event: 'Nudge' } };
    const p = setup(def);
    p.page('s1');
    p.page('s2');
    expect(p.playbook('Playbook Triggered')).toEqual([]);
    p.page('s3');
    expect(p.playbook('Playbook Triggered')).toEqual([{ playbook: 'export-nudge', reason: 'featureNotUsed', counts: { sessions: 3, threshold: 3 } }]);
    p.track('Feature Used', { feature: 'export' });
    p.page('s4');
    expect(p.playbook('Playbook Triggered')).toHaveLength(1);
  });

  it('reports an invalid definition with its path and runs the valid ones', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const p = setup([{ id: 'bad', when: { friction: 'rage', count: 0 }, do: { event: 'X' } }, { ...RAGE, do: { event: 'Help' } }]);
    expect(error).toHaveBeenCalledWith(expect.stringContaining('[sabu] playbook: [0].when.count: expected an integer from 1 to 100'));
    p.rage(3);
    expect(p.playbook('Playbook Triggered')).toHaveLength(1);
  });
});
