import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Survey } from '@sabu/schema';
import { createSurveyController, MAX_COMMENT, type SurveyController } from '../../../../../packages/sdk/src/guidance/survey/surveyController';
import { _resetUI } from '../../../../../packages/sdk/src/guidance/shared/loadUI';
import { services } from '../../../../../packages/sdk/src/guidance/shared/services';
import { setBusy, spendPrompt } from '../../../../../packages/sdk/src/guidance/shared/promptBudget';
import type { SurveyViewProps } from '../../../../../packages/sdk/src/guidance/shared/uiContract';
import { TYPING_PAUSE_MS, _resetTyping } from '../../../../../packages/sdk/src/guidance/shared/typingPause';
import { _resetExposures, assignVariant } from '../../../../../packages/sdk/src/guidance/shared/experiment';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 24, 9);
const live: SurveyController[] = [];

const NPS: Survey = {
  id: 'nps',
  kind: 'nps',
  question: 'How likely?',
  followUp: { question: 'Why?', detractor: 'What should we fix?' },
  triggers: [{ event: 'Feature Used', properties: { first_use: true } }],
};

/** A page with the SDK: a fake core API, a fake UI chunk, and the controller under test. */
function setup(defs: unknown, traits: Record<string, unknown> = {}, userId: string | null = 'u1', history: any[] = []) {
  _resetUI(); // a reload: the UI chunk is loaded afresh
  const sent: [string, Record<string, unknown>][] = [];
  const listeners: ((m: any) => void)[] = [];
  const mounted: { props: SurveyViewProps; destroyed: boolean }[] = [];
  const fakeUI = {
    version: 'test',
    mountChecklist: () => ({ update() {}, destroy() {} }),
    mountSurvey(props: SurveyViewProps) {
      const m = { props, destroyed: false };
      mounted.push(m);
      return { update: (p: SurveyViewProps) => void (m.props = p), destroy: () => void (m.destroyed = true) };
    },
  };
  const who = { id: userId };
  const api = {
    config: { writeKey: 'wk', endpoint: '/e', debug: true, ui: async () => fakeUI } as any,
    user: () => ({ anonymousId: 'anon-1', userId: who.id, groupId: null, traits }),
    track: (event: string, properties: Record<string, unknown> = {}) => {
      sent.push([event, properties]);
      listeners.forEach((l) => l({ type: 'track', event, properties, context: { sessionId: session } }));
    },
    onMessage: (l: (m: any) => void, replay?: boolean) => (replay && history.forEach(l), listeners.push(l), () => listeners.splice(listeners.indexOf(l), 1)),
  };
  let session = 's1';
  const c: SurveyController = createSurveyController(api as any, services);
  live.push(c);
  c.add(defs);
  const page = {
    /** Signs in (identify). */
    set userId(id: string | null) {
      who.id = id;
    },
    sent,
    mounted,
    c,
    /** The prompt on screen, if any. */
    get open() {
      const m = mounted[mounted.length - 1];
      return m && !m.destroyed ? m.props : undefined;
    },
    names: () => sent.map(([e]) => e).filter((e) => e.startsWith('Survey')),
    track: api.track,
    page: (url = 'http://app.test/', s = session) => {
      session = s;
      listeners.forEach((l) => l({ type: 'page', properties: { url }, context: { sessionId: s } }));
    },
  };
  return page;
}
const settle = async () => {
  for (let i = 0; i < 5; i++) await vi.advanceTimersByTimeAsync(1);
};
const firstUse = (p: ReturnType<typeof setup>) => p.track('Feature Used', { feature: 'export', first_use: true });

describe('survey prompts', () => {
  beforeEach(() => {
    localStorage.clear();
    vi.useFakeTimers({ now: NOW });
    _resetUI();
    _resetTyping();
  });
  afterEach(() => {
    live.splice(0).forEach((c) => c.destroy());
    vi.useRealTimers();
    setBusy('checklist', false);
    vi.restoreAllMocks();
  });

  it('asks after its trigger event, sends the score at once, then the capped comment', async () => {
    const p = setup(NPS);
    p.track('Feature Used', { feature: 'export', first_use: false });
    await settle();
    expect(p.open).toBeUndefined();
    firstUse(p);
    await settle();
    expect(p.open?.def.id).toBe('nps');
    expect(p.names()).toEqual([]); // Shown only once it is on screen
    p.open!.on.shown();
    p.open!.on.shown();
    p.open!.on.answer(3);
    expect(p.open!.score).toBe(3);
    expect(p.open!.followUp).toBe('What should we fix?');
    // An emoji across the limit is left out whole, never cut in half.
    p.open!.on.comment('  ' + 'x'.repeat(MAX_COMMENT - 1) + '😀' + 'x'.repeat(50) + '  ');
    expect(p.open!.done).toBe(true);
    p.open!.on.dismiss(); // after the thanks
    expect(p.open).toBeUndefined();
    expect(p.sent.filter(([e]) => e.startsWith('Survey'))).toEqual([
      ['Survey Shown', { survey: 'nps', kind: 'nps' }],
      ['Survey Answered', { survey: 'nps', kind: 'nps', score: 3, bucket: 'detractor' }],
      ['Survey Comment', { survey: 'nps', kind: 'nps', comment: 'x'.repeat(MAX_COMMENT - 1) }],
    ]);
  });

  it('experiments: the holdout is exposed when it qualifies and sees nothing; a variant asks its own question', async () => {
    _resetExposures();
    const experiment = { id: 'nps-wording', variants: [{ id: 'control' }, { id: 'short', overrides: { question: 'Recommend us?' } }] };
    let p = setup({ ...NPS, experiment: { ...experiment, holdout: 1 } });
    p.track('Report Created');
    await settle();
    expect(p.sent.filter(([e]) => e == 'Experiment Exposed')).toEqual([]); // not qualified yet: nothing sent
    firstUse(p);
    await settle();
    expect(p.open).toBeUndefined();
    firstUse(p);
    await settle();
    expect(p.sent.filter(([e]) => e == 'Experiment Exposed')).toEqual([['Experiment Exposed', { experiment: 'nps-wording', variant: 'holdout' }]]);
    expect(p.mounted).toEqual([]);
    p.c.destroy();

    // Users outside the holdout: u1 gets the arm the hash gives, and sees its question.
    localStorage.clear();
    _resetExposures();
    p = setup({ ...NPS, experiment });
    firstUse(p);
    await settle();
    const arm = assignVariant(experiment, 'u1');
    expect(p.sent.filter(([e]) => e == 'Experiment Exposed')).toEqual([['Experiment Exposed', { experiment: 'nps-wording', variant: arm }]]);
    expect(p.open?.def.question).toBe(arm == 'short' ? 'Recommend us?' : 'How likely?');
  });

  it('ignores scores off the scale and a second answer', async () => {
    const p = setup(NPS);
    firstUse(p);
    await settle();
    p.open!.on.answer(11);
    p.open!.on.answer(-1);
    p.open!.on.answer(9);
    p.open!.on.answer(2);
    expect(p.sent.filter(([e]) => e == 'Survey Answered').map(([, x]) => x.score)).toEqual([9]);
    expect(p.open!.followUp).toBe('Why?');
  });

  it('does not ask again within 90 days of an answer (across reloads), and asks after', async () => {
    let p = setup(NPS);
    firstUse(p);
    await settle();
    p.open!.on.answer(10);
    p.open!.on.dismiss();
    firstUse(p);
    await settle();
    expect(p.mounted).toHaveLength(1); // same page, second trigger: nothing
    p.c.destroy();

    vi.setSystemTime(NOW + 89 * DAY);
    p = setup(NPS); // a reload weeks later
    firstUse(p);
    await settle();
    expect(p.mounted).toHaveLength(0);
    p.c.destroy();

    vi.setSystemTime(NOW + 90 * DAY + 60_000); // answered a few ms after NOW
    p = setup(NPS);
    firstUse(p);
    await settle();
    expect(p.mounted).toHaveLength(1);
  });

  it('after a dismissal waits 30 days, and sends Survey Dismissed', async () => {
    let p = setup(NPS);
    firstUse(p);
    await settle();
    p.open!.on.shown();
    p.open!.on.dismiss();
    expect(p.names()).toEqual(['Survey Shown', 'Survey Dismissed']);
    p.c.destroy();
    vi.setSystemTime(NOW + 29 * DAY);
    p = setup(NPS);
    firstUse(p);
    await settle();
    expect(p.mounted).toHaveLength(0);
    p.c.destroy();
    vi.setSystemTime(NOW + 30 * DAY + 60_000);
    p = setup(NPS);
    firstUse(p);
    await settle();
    expect(p.mounted).toHaveLength(1);
  });

  it('shares the 14-day prompt budget with checklists, by user, and across devices through last_prompted_at', async () => {
    spendPrompt('u1', 'checklist:onboarding', NOW - 13 * DAY);
    let p = setup(NPS);
    firstUse(p);
    await settle();
    expect(p.mounted).toHaveLength(0);
    p.c.destroy();

    localStorage.clear();
    p = setup(NPS, { last_prompted_at: new Date(NOW - 2 * DAY).toISOString() });
    firstUse(p);
    await settle();
    expect(p.mounted).toHaveLength(0);
    p.c.destroy();

    vi.setSystemTime(NOW + 12 * DAY);
    p = setup(NPS, { last_prompted_at: new Date(NOW - 2 * DAY).toISOString() });
    firstUse(p);
    await settle();
    expect(p.mounted).toHaveLength(1);
  });

  it('spends the budget: a second survey is not asked within 14 days', async () => {
    const csat: Survey = { id: 'csat', kind: 'csat', question: 'Happy?', triggers: [{ event: 'Report Created' }] };
    const p = setup([NPS, csat]);
    firstUse(p);
    await settle();
    p.open!.on.answer(8);
    p.open!.on.dismiss();
    p.track('Report Created');
    await vi.advanceTimersByTimeAsync(2000);
    expect(p.mounted).toHaveLength(1);
  });

  it('when two surveys fire together, the higher priority wins', async () => {
    const ces: Survey = { id: 'ces', kind: 'ces', question: 'Easy?', triggers: [{ event: 'Feature Used' }], priority: 50 };
    const p = setup([NPS, ces]);
    firstUse(p);
    await settle();
    expect(p.mounted.map((m) => m.props.def.id)).toEqual(['ces']);
  });

  it('waits while a checklist panel is open', async () => {
    setBusy('checklist', true);
    const p = setup(NPS);
    firstUse(p);
    await vi.advanceTimersByTimeAsync(5000);
    expect(p.mounted).toHaveLength(0);
    setBusy('checklist', false);
    await vi.advanceTimersByTimeAsync(1100);
    expect(p.mounted).toHaveLength(1);
  });

  /** A key press and the input it makes, as a user typing in a host field. */
  const type = (el: HTMLElement) => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true, composed: true }));
    el.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  };

  it('shows in an app whose field always has focus once typing pauses, and leaves the focus there', async () => {
    document.body.innerHTML = '<input id="todo" autofocus>';
    const input = document.getElementById('todo') as HTMLInputElement;
    input.focus();
    const p = setup(NPS);
    firstUse(p);
    // Focus alone is not typing: it shows within the pause, and the field keeps focus.
    await vi.advanceTimersByTimeAsync(TYPING_PAUSE_MS + 100);
    expect(p.mounted).toHaveLength(1);
    expect(document.activeElement).toBe(input);
    document.body.innerHTML = '';
  });

  it('waits while the user types, and shows TYPING_PAUSE_MS after the last key', async () => {
    document.body.innerHTML = '<textarea id="msg"></textarea>';
    const field = document.getElementById('msg') as HTMLTextAreaElement;
    field.focus();
    const p = setup(NPS);
    firstUse(p);
    for (let i = 0; i < 20; i++) {
      type(field);
      await vi.advanceTimersByTimeAsync(500); // a key every half second for ten seconds
    }
    expect(p.mounted).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(TYPING_PAUSE_MS - 500 - 100);
    expect(p.mounted).toHaveLength(0); // just before the pause is long enough
    await vi.advanceTimersByTimeAsync(200);
    await settle();
    expect(p.mounted).toHaveLength(1);
    expect(document.activeElement).toBe(field);
    document.body.innerHTML = '';
  });

  it('shows at once when nothing is focused and nobody typed', async () => {
    const p = setup(NPS);
    firstUse(p);
    await settle();
    expect(p.mounted).toHaveLength(1);
  });

  it('honours a trigger delay', async () => {
    const p = setup({ ...NPS, triggers: [{ flowAbandoned: 'connect', delaySeconds: 5 }] });
    p.track('Flow Abandoned', { flow: 'connect' });
    await vi.advanceTimersByTimeAsync(4900);
    expect(p.mounted).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(200);
    expect(p.mounted).toHaveLength(1);
  });

  it('asks from the third session on (sessions counted per user, across reloads)', async () => {
    const def = { ...NPS, triggers: [{ sessions: 3 }] };
    let p = setup(def);
    p.page('http://app.test/', 's1');
    p.page('http://app.test/a', 's1');
    p.page('http://app.test/', 's2');
    await settle();
    expect(p.mounted).toHaveLength(0);
    p.c.destroy();
    p = setup(def);
    p.page('http://app.test/', 's3');
    await settle();
    expect(p.mounted).toHaveLength(1);
  });

  it('asks on a URL, checking the page once the definition arrives', async () => {
    history.replaceState(null, '', '/reports/7');
    const p = setup({ ...NPS, triggers: [{ url: '/reports/*' }] });
    await settle();
    expect(p.mounted).toHaveLength(1);
    history.replaceState(null, '', '/');
  });

  it('keeps a score selected with the arrow keys when the tab closes before it is confirmed', async () => {
    const p = setup(NPS);
    firstUse(p);
    await settle();
    p.open!.on.pick(7);
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true })); // still visible: nothing yet
    expect(p.sent.filter(([e]) => e == 'Survey Answered')).toEqual([]);
    dispatchEvent(new Event('pagehide'));
    expect(p.sent.filter(([e]) => e == 'Survey Answered')).toEqual([['Survey Answered', { survey: 'nps', kind: 'nps', score: 7, bucket: 'passive' }]]);
  });

  it('samples users out for good (sampleRate 0), and shows nothing for an invalid definition', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    const p = setup([{ ...NPS, sampleRate: 0 }, { ...NPS, id: 'bad', kind: 'stars' }]);
    firstUse(p);
    await settle();
    expect(p.mounted).toHaveLength(0);
    expect(err.mock.calls.map((c) => c[0])).toEqual([expect.stringContaining('survey: [1].kind: expected "nps", "csat" or "ces"; it is not shown.')]);
  });

  it('counts triggers that came before the definitions: while the runtime loaded, and while their JSON loads', async () => {
    // Accepted by the core before the runtime loaded: it asks for them with onMessage(l, true).
    const p = setup([], {}, 'u1', [{ type: 'track', event: 'Feature Used', properties: { feature: 'export', first_use: true }, context: { sessionId: 's1' } }]);
    p.c.add(NPS);
    await settle();
    expect(p.mounted.map((m) => m.props.def.id)).toEqual(['nps']);
    p.open!.on.dismiss();

    let answer: (v: unknown) => void = () => {};
    vi.spyOn(globalThis, 'fetch').mockImplementation(() => new Promise((r) => (answer = r)) as never);
    p.c.add('/surveys/ces.json');
    p.track('Flow Abandoned', { flow: 'connect' });
    answer({ ok: true, json: async () => ({ id: 'ces', kind: 'ces', question: 'Easy?', triggers: [{ flowAbandoned: 'connect' }], priority: 50 }) });
    localStorage.removeItem('sabu_prompt:u1'); // the NPS above spent the shared budget
    await settle();
    expect(p.mounted.map((m) => m.props.def.id)).toEqual(['nps', 'ces']);
  });

  it('carries what happened before sign-in to the signed-in user (survey state and the prompt budget)', async () => {
    const p = setup(NPS, {}, null);
    firstUse(p);
    await settle();
    p.open!.on.answer(6);
    p.open!.on.dismiss();
    p.userId = 'u-new'; // identify() after sign-up
    firstUse(p);
    await settle();
    expect(p.mounted).toHaveLength(1); // not asked again: answered as anon-1
    const csat: Survey = { id: 'csat', kind: 'csat', question: 'Happy?', triggers: [{ event: 'Report Created' }] };
    p.c.add(csat);
    p.track('Report Created');
    await settle();
    expect(p.mounted).toHaveLength(1); // the budget spent as anon-1 holds for u-new
  });

  it('never logs the comment text', async () => {
    const logs = ['log', 'info', 'warn', 'error', 'debug'].map((m) => vi.spyOn(console, m as 'log'));
    const p = setup(NPS);
    firstUse(p);
    await settle();
    p.open!.on.answer(9);
    p.open!.on.comment('secret feedback about my boss');
    for (const spy of logs) expect(JSON.stringify(spy.mock.calls)).not.toContain('secret');
  });
});
