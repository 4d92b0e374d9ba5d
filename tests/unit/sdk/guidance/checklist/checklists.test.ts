import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { _reset, identify, init, page, track } from '../../../../../packages/sdk/src/api';
import { checklist, registerChecklists } from '../../../../../packages/sdk/src/guidance/checklist/checklist';
import * as runtime from '../../../../../packages/sdk/src/guidance/checklist/checklistRuntime';
import { _resetUI } from '../../../../../packages/sdk/src/guidance/shared/loadUI';
import { isBusy } from '../../../../../packages/sdk/src/guidance/shared/promptBudget';
import type { ChecklistViewProps, SabuUI } from '../../../../../packages/sdk/src/guidance/shared/uiContract';
import { fakePlatform } from '../../fakePlatform';

/** Several checklists with audiences: one shown at a time, progress kept per checklist. */
const NOW = Date.parse('2026-11-24T10:00:00Z');
const item = (id: string, event: string) => ({ id, title: id, completeWhen: { event } });
const ADMIN = { id: 'admin-setup', title: 'Set up your workspace', audience: { traits: { role: 'admin' } }, items: [item('sso', 'SSO Configured'), item('project', 'Project Created')] };
const BILLING = { id: 'billing', title: 'Billing', audience: { urls: ['/billing*'] }, items: [item('card', 'Card Added')] };
const MEMBER = { id: 'member', title: 'Get started', items: [item('project', 'Project Created'), item('invite', 'Teammate Invited')] };

/** A stand-in for the UI chunk: which checklists are mounted, and what each shows now. */
function fakeUI() {
  const live = new Map<number, ChecklistViewProps>();
  let n = 0;
  const mod: Pick<SabuUI, 'version' | 'mountChecklist'> = {
    version: 'test',
    mountChecklist(p) {
      const k = n++;
      live.set(k, p);
      p.on.shown();
      return { update: (np) => (live.set(k, np), np.view != 'hidden' && np.on.shown()), destroy: () => live.delete(k) };
    },
  };
  /** The checklists on screen (not hidden): their ids and views. */
  const visible = () => [...live.values()].filter((p) => p.view != 'hidden').map((p) => [p.def.id, p.view]);
  const of = (id: string) => [...live.values()].find((p) => p.def.id == id && p.view != 'hidden');
  return { mod, visible, of, load: vi.fn(async () => mod as SabuUI) };
}

let fake: ReturnType<typeof fakePlatform>;
let ui: ReturnType<typeof fakeUI>;

function load(extra: Record<string, unknown> = {}) {
  _reset(() => fake.platform);
  _resetUI();
  ui = fakeUI();
  init({ writeKey: 'wk', endpoint: '/v1/batch', ui: ui.load, ...extra } as never);
}
const events = () => fake.sent.flatMap((s) => s.messages).filter((m: any) => m.type == 'track' && m.event.startsWith('Checklist'));
const flushAll = async () => {
  await vi.runAllTimersAsync();
  await vi.advanceTimersByTimeAsync(10_000);
};
const go = (path: string) => (history.pushState({}, '', path), page());

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
  localStorage.clear();
  history.replaceState({}, '', '/app');
  fake = fakePlatform();
  registerChecklists(async () => runtime);
});
afterEach(() => {
  _reset();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('several checklists', () => {
  it('shows the first whose audience matches, and switches when identify() changes the traits', async () => {
    load({ checklists: [ADMIN, MEMBER] });
    await flushAll();
    expect(ui.visible()).toEqual([['member', 'panel']]);
    identify('u1', { role: 'admin' });
    await flushAll();
    expect(ui.visible().map(([id]) => id)).toEqual(['admin-setup']);
    ui.of('admin-setup')!.on.minimise();
    expect(isBusy()).toBe(false); // the member panel that went away holds nothing back
    // Every checklist event names its checklist.
    expect(events().map((m: any) => [m.event, m.properties.checklist])).toEqual([
      ['Checklist Shown', 'member'],
      ['Checklist Shown', 'admin-setup'],
    ]);
  });

  it('follows the URL: a page-scoped checklist shows on its pages only, the next one elsewhere', async () => {
    load({ checklists: [BILLING, MEMBER] });
    await flushAll();
    expect(ui.visible().map(([id]) => id)).toEqual(['member']);
    go('/billing/plans');
    await flushAll();
    expect(ui.visible().map(([id]) => id)).toEqual(['billing']);
    go('/app/projects');
    await flushAll();
    expect(ui.visible().map(([id]) => id)).toEqual(['member']);
  });

  it('keeps progress per checklist, across reloads, whichever is shown', async () => {
    load({ checklists: [ADMIN, MEMBER] });
    identify('u1', { role: 'admin' });
    track('Project Created'); // an item of both
    track('Teammate Invited'); // only the member checklist's
    await flushAll();
    expect(ui.of('admin-setup')!.done).toEqual(['project']);
    expect(JSON.parse(localStorage.getItem('sabu_cl:member:u1')!).done).toHaveProperty('invite');
    expect(JSON.parse(localStorage.getItem('sabu_cl:admin-setup:u1')!).done).not.toHaveProperty('invite');
    // Reload: each keeps its own, and its events were sent once.
    load({ checklists: [ADMIN, MEMBER] });
    track('SSO Configured');
    await flushAll();
    const completed = events().filter((m: any) => m.event == 'Checklist Item Completed').map((m: any) => `${m.properties.checklist}/${m.properties.item}`);
    expect(completed.sort()).toEqual(['admin-setup/project', 'admin-setup/sso', 'member/invite', 'member/project']);
    expect(events().filter((m: any) => m.event == 'Checklist Completed').map((m: any) => m.properties.checklist)).toEqual(['member', 'admin-setup']);
    // Both finished: after this page's celebration, neither shows again.
    load({ checklists: [ADMIN, MEMBER] });
    await flushAll();
    expect(ui.visible()).toEqual([]);
  });

  it('keeps the progress a user made before several checklists existed (same storage key)', async () => {
    load({ checklist: MEMBER });
    identify('u1', {});
    track('Project Created');
    await flushAll();
    const before = localStorage.getItem('sabu_cl:member:u1');
    expect(JSON.parse(before!).done).toHaveProperty('project');
    load({ checklists: [ADMIN, MEMBER] });
    await flushAll();
    expect(ui.of('member')!.done).toEqual(['project']);
    expect(events().filter((m: any) => m.event == 'Checklist Item Completed')).toHaveLength(1);
  });

  it('opens a given checklist with checklist(id), also one that is not first in line', async () => {
    load({ checklists: [MEMBER, { ...BILLING, audience: undefined }] });
    await flushAll();
    expect(ui.visible()).toEqual([['member', 'panel']]);
    checklist('billing');
    await flushAll();
    expect(ui.visible()).toEqual([['billing', 'panel']]);
    expect(ui.of('billing')!.requested).toBe(true);
    // Before it is registered (a URL still loading): opened once it arrives.
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(JSON.stringify([ADMIN]), { status: 200 }));
    checklist('admin-setup');
    checklist('/more-checklists.json');
    identify('u1', { role: 'admin' });
    await flushAll();
    expect(ui.visible()).toEqual([['admin-setup', 'panel']]);
  });

  it('registers several with several checklist() calls; the same id again replaces it', async () => {
    checklist(MEMBER);
    checklist(ADMIN);
    checklist({ ...MEMBER, title: 'Get started (v2)' });
    load();
    identify('u1', { role: 'member' });
    await flushAll();
    expect(ui.visible().map(([id]) => id)).toEqual(['member']);
    expect(ui.of('member')!.def.title).toBe('Get started (v2)');
    identify('u1', { role: 'admin' });
    await flushAll();
    expect(ui.visible().map(([id]) => id)).toEqual(['member']); // registered first, still matches
  });

  it('loads a list of checklists from one URL (data-checklists), with each problem named by its index', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(JSON.stringify([{ ...ADMIN, items: [{ id: 'x', title: 5, completeWhen: { event: 'X' } }] }, MEMBER]), { status: 200 }));
    load({ checklists: '/checklists.json' });
    track('Project Created'); // before the JSON arrived
    await flushAll();
    expect(errors.mock.calls.map((c) => c[0])).toEqual([expect.stringContaining('[sabu] checklist: [0].items[0].title: expected a non-empty string')]);
    expect(ui.of('member')!.done).toEqual(['project']);
  });
});
