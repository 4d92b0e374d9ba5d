import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { _reset, identify, init, reset, status, track } from '../../../../../packages/sdk/src/api';
import { checklist, openChecklist, registerChecklists } from '../../../../../packages/sdk/src/guidance/checklist/checklist';
import * as runtime from '../../../../../packages/sdk/src/guidance/checklist/checklistRuntime';
import { CELEBRATION_MS } from '../../../../../packages/sdk/src/guidance/checklist/createChecklistController';
import { _resetUI } from '../../../../../packages/sdk/src/guidance/shared/loadUI';
import { isBusy } from '../../../../../packages/sdk/src/guidance/shared/promptBudget';
import type { ChecklistViewProps, SabuUI } from '../../../../../packages/sdk/src/guidance/shared/uiContract';
import { fakePlatform } from '../../fakePlatform';
import { _resetExposures, assignVariant } from '../../../../../packages/sdk/src/guidance/shared/experiment';

const NOW = Date.parse('2026-11-24T10:00:00Z');
const DEF = {
  id: 'onboarding',
  title: { en: 'Get started', ja: 'はじめよう' },
  items: [
    { id: 'project', title: 'Create a project', completeWhen: { event: 'Project Created' } },
    { id: 'invite', title: 'Invite', completeWhen: { event: 'Teammate Invited', properties: { role: ['editor', 'admin'] } } },
    { id: 'connect', title: 'Connect', dependsOn: ['project'], completeWhen: { all: [{ event: 'Source Added' }, { trait: 'connected', equals: true }] } },
    { id: 'docs', title: 'Docs', optional: true, completeWhen: { event: 'Guide Opened' } },
  ],
};

/** A stand-in for the UI chunk: records what the SDK asks it to show. */
function fakeUI() {
  const mounts: ChecklistViewProps[] = [];
  let last: ChecklistViewProps | undefined;
  const mod: Pick<SabuUI, 'version' | 'mountChecklist'> = {
    version: 'test',
    mountChecklist(p) {
      mounts.push((last = p));
      p.on.shown();
      return { update: (np) => ((last = np), np.view != 'hidden' && np.on.shown()), destroy: () => (last = undefined) };
    },
  };
  return { mod, mounts, last: () => last, load: vi.fn(async () => mod as SabuUI) };
}

let fake: ReturnType<typeof fakePlatform>;
let ui: ReturnType<typeof fakeUI>;

/** Starts the SDK as on a page load (same browser storage as the previous "page"). */
function load(extra: Record<string, unknown> = {}) {
  _reset(() => fake.platform);
  _resetUI();
  ui = fakeUI();
  init({ writeKey: 'wk', endpoint: '/v1/batch', checklist: DEF, ui: ui.load, ...extra } as never);
}

const sent = () => fake.sent.flatMap((s) => s.messages).filter((m: any) => m.type == 'track' && m.event.startsWith('Checklist'));
const flushAll = async () => {
  await vi.runAllTimersAsync();
  await vi.advanceTimersByTimeAsync(10_000);
};

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
  localStorage.clear();
  fake = fakePlatform();
  registerChecklists(async () => runtime);
});
afterEach(() => {
  _reset();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('checklists', () => {
  it('ticks items off from events, including those sent before the UI loaded', async () => {
    load();
    track('Project Created'); // the UI chunk is still loading
    track('Teammate Invited', { role: 'viewer' });
    await vi.advanceTimersByTimeAsync(1500); // loaded and shown
    track('Teammate Invited', { role: 'editor' });
    await flushAll();
    expect(ui.last()!.done).toEqual(['project', 'invite']);
    expect(sent().map((m: any) => [m.event, m.properties])).toEqual([
      ['Checklist Item Completed', { checklist: 'onboarding', version: 1, item: 'project', ms_since_shown: null, ms_since_start: 0 }],
      ['Checklist Shown', { checklist: 'onboarding', version: 1, view: 'launcher', items_done: 1, items_total: 3 }],
      ['Checklist Item Completed', { checklist: 'onboarding', version: 1, item: 'invite', ms_since_shown: 1500, ms_since_start: 1500 }],
    ]);
  });

  it('never completes an item twice, within a page or after a reload, and keeps progress', async () => {
    load();
    track('Project Created');
    track('Project Created');
    await flushAll();
    load();
    track('Project Created');
    await flushAll();
    expect(sent().filter((m: any) => m.event == 'Checklist Item Completed')).toHaveLength(1);
    expect(ui.last()!.done).toEqual(['project']);
  });

  it('waits for dependencies, and meets `all` parts at different times', async () => {
    load();
    track('Source Added');
    identify('u1', { connected: true });
    await flushAll();
    expect(ui.last()!.done).toEqual([]); // connect depends on project
    track('Project Created');
    await flushAll();
    expect(ui.last()!.done).toEqual(['project', 'connect']);
  });

  it('completes the checklist once every required item is done, then is not shown again', async () => {
    load();
    track('Project Created');
    vi.advanceTimersByTime(60_000);
    track('Teammate Invited', { role: 'admin' });
    identify({ connected: true });
    track('Source Added');
    await vi.advanceTimersByTimeAsync(100);
    expect(ui.last()).toMatchObject({ complete: true, view: 'panel' }); // celebrate
    await flushAll();
    const done = sent().find((m: any) => m.event == 'Checklist Completed');
    expect(done.properties).toEqual({ checklist: 'onboarding', version: 1, duration_ms: 60_000 });
    load();
    await flushAll();
    expect(ui.load).not.toHaveBeenCalled();
  });

  it('steps aside after celebrating completion, so prompts held back by the open panel can show', async () => {
    load();
    await flushAll();
    ui.last()!.on.open(); // the user follows the checklist with its panel open
    track('Project Created');
    track('Teammate Invited', { role: 'admin' });
    identify({ connected: true });
    track('Source Added');
    await vi.advanceTimersByTimeAsync(100);
    expect(ui.last()).toMatchObject({ complete: true, view: 'panel' });
    expect(isBusy()).toBe(true);
    await vi.advanceTimersByTimeAsync(CELEBRATION_MS);
    expect(ui.last()).toMatchObject({ complete: true, view: 'launcher' });
    expect(isBusy()).toBe(false);
    // Opened again by the user, it stays open.
    ui.last()!.on.open();
    await vi.advanceTimersByTimeAsync(2 * CELEBRATION_MS);
    expect(ui.last()!.view).toBe('panel');
  });

  it('opens the panel by itself once, within the shared prompt budget', async () => {
    load();
    await flushAll();
    expect(ui.last()!.view).toBe('panel');
    expect(ui.last()!.requested).toBe(false);
    ui.last()!.on.minimise();
    load();
    await flushAll();
    expect(ui.last()!.view).toBe('launcher');
  });

  it('does not open by itself when another prompt was shown in the last 14 days', async () => {
    localStorage.setItem('sabu_prompt:' + anonymousId(), JSON.stringify({ at: NOW - 86_400_000, id: 'survey:nps' }));
    load();
    await flushAll();
    expect(ui.last()!.view).toBe('launcher');
  });

  it("honours don't show again, and hides a dismissed checklist for the session", async () => {
    load();
    await flushAll();
    ui.last()!.on.dismiss(false);
    expect(ui.last()!.view).toBe('hidden');
    load();
    await flushAll();
    expect(ui.load).not.toHaveBeenCalled(); // same session
    vi.advanceTimersByTime(31 * 60_000); // session over
    load();
    await flushAll();
    expect(ui.last()!.view).not.toBe('hidden');
    ui.last()!.on.dismiss(true);
    vi.advanceTimersByTime(31 * 60_000);
    load();
    await flushAll();
    expect(ui.load).not.toHaveBeenCalled();
    expect(sent().filter((m: any) => m.event == 'Checklist Dismissed').map((m: any) => m.properties.forever)).toEqual([false, true]);
  });

  it('ignores the same definition given again (an SPA calling checklist() on each render)', async () => {
    load();
    await flushAll();
    checklist({ ...DEF });
    checklist(DEF);
    await flushAll();
    expect(ui.mounts).toHaveLength(1);
    expect(sent().filter((m: any) => m.event == 'Checklist Shown')).toHaveLength(1);
  });

  it("sends the definition's version on every checklist event, so a second device's state skips an older version's progress", async () => {
    load({ checklist: { ...DEF, version: 3 } });
    track('Project Created');
    await flushAll();
    ui.last()!.on.itemClick('invite');
    await flushAll();
    const events = sent();
    expect(events.map((m: any) => m.event)).toEqual(expect.arrayContaining(['Checklist Shown', 'Checklist Item Completed', 'Checklist Item Clicked']));
    expect(events.map((m: any) => m.properties.version)).toEqual(events.map(() => 3));
  });

  it('reports item clicks', async () => {
    load();
    await flushAll();
    ui.last()!.on.itemClick('invite');
    await flushAll();
    expect(sent().filter((m: any) => m.event == 'Checklist Item Clicked').map((m: any) => m.properties)).toEqual([{ checklist: 'onboarding', version: 1, item: 'invite' }]);
  });

  it('passes locale, strings and theme to the UI, and ignores (with one warning) values of the wrong type', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    load({ locale: 'ja', strings: { 'checklist.close': '隠す' }, theme: 'dark' });
    await flushAll();
    expect(ui.last()).toMatchObject({ locale: 'ja', strings: { 'checklist.close': '隠す' } });
    expect(ui.last()!.theme).toBeUndefined();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('[sabu] init(): config.theme must be an object'));
  });

  it('reopens on request with checklist(), even after a dismissal', async () => {
    load();
    await flushAll();
    ui.last()!.on.dismiss(false);
    checklist();
    await flushAll();
    expect(ui.last()).toMatchObject({ view: 'panel', requested: true });
  });

  it('opens at an item for a playbook: the UI is told once to point at it; false with no checklist', async () => {
    load();
    await flushAll();
    const focusSeen: (string | undefined)[] = [];
    const orig = ui.last()!;
    expect(orig.focus).toBeUndefined();
    expect(openChecklist('connect')).toBe(true);
    focusSeen.push(ui.last()!.focus);
    track('Project Created'); // a later render
    await flushAll();
    focusSeen.push(ui.last()!.focus);
    expect(focusSeen).toEqual(['connect', undefined]);
    expect(ui.last()!.view).toBe('panel');
    _reset();
    expect(openChecklist()).toBe(false);
  });

  it('a playbook never reopens a checklist dismissed for good; the user still can', async () => {
    load();
    await flushAll();
    ui.last()!.on.dismiss(true);
    await flushAll();
    expect(openChecklist('connect')).toBe(false);
    await flushAll();
    expect(ui.last()?.view ?? 'hidden').toBe('hidden'); // hidden, or taken down (it stepped aside)
    checklist();
    await flushAll();
    expect(ui.last()!.view).toBe('panel');
  });

  it('carries an anonymous user’s progress over when they sign up', async () => {
    load();
    track('Project Created');
    identify('user-42', {});
    track('Teammate Invited', { role: 'admin' });
    await flushAll();
    expect(ui.last()!.done).toEqual(['project', 'invite']);
    expect(JSON.parse(localStorage.getItem('sabu_cl:onboarding:user-42')!).done).toHaveProperty('project');
  });

  it('shows the next user their own progress after reset(), not the previous one’s', async () => {
    load();
    identify('user-1', {});
    track('Project Created');
    await flushAll();
    expect(ui.last()!.done).toEqual(['project']);
    reset();
    track('Page Seen'); // any message after the reset
    await flushAll();
    expect(ui.last()!.done).toEqual([]);
  });

  it('experiments: a holdout user is exposed once and shown nothing; the audience comes first', async () => {
    _resetExposures();
    const experiment = { id: 'cl-holdout', variants: [{ id: 'control' }], holdout: 1 };
    const exposed = () => fake.sent.flatMap((s) => s.messages).filter((m: any) => m.event == 'Experiment Exposed').map((m: any) => m.properties);
    load({ checklist: { ...DEF, audience: { traits: { plan: 'trial' } }, experiment } });
    await flushAll();
    expect(exposed()).toEqual([]); // not in the audience: not exposed
    identify('u1', { plan: 'trial' });
    track('Project Created');
    await flushAll();
    expect(ui.load).not.toHaveBeenCalled();
    expect(exposed()).toEqual([{ experiment: 'cl-holdout', variant: 'holdout' }]);
    load({ checklist: { ...DEF, audience: { traits: { plan: 'trial' } }, experiment } }); // a reload: not again
    await flushAll();
    expect(exposed()).toHaveLength(1);
    expect(ui.load).not.toHaveBeenCalled();
  });

  it('experiments: each user sees the definition of their variant', async () => {
    _resetExposures();
    const experiment = { id: 'cl-short', variants: [{ id: 'control' }, { id: 'short', overrides: { items: [DEF.items[0]] } }] };
    load({ checklist: { ...DEF, experiment } });
    await flushAll();
    const arm = assignVariant(experiment, fake.kv.get('sabu_aid')!);
    expect(ui.last()!.def.items.map((i) => i.id)).toEqual(arm == 'short' ? ['project'] : ['project', 'invite', 'connect', 'docs']);
    expect(fake.sent.flatMap((s) => s.messages).filter((m: any) => m.event == 'Experiment Exposed').map((m: any) => m.properties)).toEqual([{ experiment: 'cl-short', variant: arm }]);
  });

  it('shows only to its audience, and starts when identify() makes the user fit', async () => {
    load({ checklist: { ...DEF, audience: { traits: { plan: 'trial' }, signedUpWithinDays: 14 } } });
    track('Project Created');
    await flushAll();
    expect(ui.load).not.toHaveBeenCalled();
    identify('u1', { plan: 'trial', created_at: new Date(NOW - 86_400_000).toISOString() });
    await flushAll();
    expect(ui.last()!.done).toEqual(['project']); // the earlier event counted
  });

  it('reports each problem of an invalid definition with its path, shows nothing, and the host keeps working', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    load({ checklist: { ...DEF, items: [{ id: 'a', title: 5, completeWhen: { event: 'X', url: '/y' } }] } });
    track('Project Created');
    await flushAll();
    expect(errors.mock.calls.map((c) => c[0])).toEqual([
      expect.stringContaining('[sabu] checklist: items[0].title: expected a non-empty string, or an object'),
      expect.stringContaining('[sabu] checklist: items[0].completeWhen: expected exactly one of'),
    ]);
    expect(ui.load).not.toHaveBeenCalled();
    expect(fake.sent.flatMap((s) => s.messages).some((m: any) => m.event == 'Project Created')).toBe(true);
  });

  it('reports a definition URL that cannot be loaded or is not JSON, and shows nothing', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(globalThis, 'fetch').mockResolvedValueOnce(new Response('nope', { status: 404 })).mockResolvedValueOnce(new Response('{"id":', { status: 200 }));
    load({ checklist: '/missing.json' });
    await flushAll();
    load({ checklist: '/broken.json' });
    await flushAll();
    expect(errors.mock.calls.map((c) => c[0])).toEqual([
      expect.stringContaining('[sabu] checklist: could not load "/missing.json" (Error: HTTP 404)'),
      expect.stringContaining('[sabu] checklist: could not load "/broken.json" (SyntaxError'),
    ]);
    expect(ui.load).not.toHaveBeenCalled();
  });

  it('when the UI cannot load, keeps counting and does not hold back other prompts', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    _reset(() => fake.platform);
    _resetUI();
    init({ writeKey: 'wk', endpoint: '/v1/batch', checklist: DEF, ui: async () => Promise.reject(new Error('blocked')) } as never);
    track('Project Created');
    await flushAll();
    expect(errors.mock.calls[0]![0]).toContain('could not load the widgets');
    expect(isBusy()).toBe(false);
    expect(sent().map((m: any) => m.event)).toContain('Checklist Item Completed');
  });

  it('loads a definition from a URL', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(JSON.stringify(DEF), { status: 200 }));
    load({ checklist: '/onboarding.json' });
    track('Project Created'); // before the JSON arrived
    await flushAll();
    expect(fetch).toHaveBeenCalledWith('/onboarding.json', expect.anything());
    expect(ui.last()!.done).toEqual(['project']);
  });
});

function anonymousId() {
  _reset(() => fake.platform);
  init({ writeKey: 'wk', endpoint: '/v1/batch', trackPages: false });
  status(); // the stored identity is read on first need
  return fake.kv.get('sabu_aid')!;
}
