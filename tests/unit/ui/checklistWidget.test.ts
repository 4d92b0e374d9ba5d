import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mountChecklist } from '../../../packages/ui/src/checklist/mountChecklist';
import type { ChecklistProps } from '../../../packages/ui/src/checklist/types';
import { HOST_TAG } from '../../../packages/ui/src/host/mountWidget';

const DEF = {
  id: 'onboarding',
  title: { en: 'Get started', ja: 'はじめよう' },
  items: [
    { id: 'project', title: 'Create a **project**', action: { selector: '#create', hint: 'Click here' }, completeWhen: { event: 'P' } },
    { id: 'settings', title: 'Settings', action: { url: '/settings' }, completeWhen: { url: '/settings' } },
    { id: 'connect', title: 'Connect', dependsOn: ['project'], action: { selector: '#connect' }, completeWhen: { event: 'C' } },
    { id: 'docs', title: 'Docs', optional: true, completeWhen: { event: 'D' } },
  ],
} as ChecklistProps['def'];

let on: { [K in keyof ChecklistProps['on']]: ReturnType<typeof vi.fn> };
const props = (over: Partial<ChecklistProps> = {}): ChecklistProps => ({ def: DEF, done: [], view: 'launcher', complete: false, on: on as never, ...over });
const shadow = () => document.querySelector(HOST_TAG)!.shadowRoot!;
const $ = (sel: string) => shadow().querySelector<HTMLElement>(sel);
const $$ = (sel: string) => [...shadow().querySelectorAll<HTMLElement>(sel)];
/** Lets Preact apply state updates (it renders them asynchronously). */
const tick = () => new Promise((r) => setTimeout(r, 0));
const key = (el: Element, k: string) => el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));

beforeEach(() => {
  on = { open: vi.fn(), minimise: vi.fn(), dismiss: vi.fn(), itemClick: vi.fn(), shown: vi.fn() };
  document.body.innerHTML = '<button id="create">Create</button>';
  document.documentElement.lang = 'en';
});
afterEach(() => {
  document.querySelector(HOST_TAG)?.remove();
  vi.useRealTimers();
});

describe('the checklist widget', () => {
  it('shows a launcher with progress of required items, named by its content around the visible title', () => {
    mountChecklist(props({ done: ['project'] }));
    const b = $('button.launch')!;
    // Name from content (what is not aria-hidden): it contains the visible title (WCAG 2.5.3).
    const named = [...b.children].filter((c) => c.getAttribute('aria-hidden') != 'true');
    expect(b.hasAttribute('aria-label')).toBe(false);
    expect(named.map((c) => c.textContent).join('')).toBe('Open checklist: Get started, 1 of 3 done');
    expect($('.lt')!.textContent).toBe('Get started');
    expect(b.getAttribute('aria-expanded')).toBe('false');
    expect(b.textContent).toContain('1/3');
    expect(on.shown).toHaveBeenCalledOnce();
    b.click();
    expect(on.open).toHaveBeenCalled();
  });

  it('lists items with their state; locked items wait for their dependencies', () => {
    mountChecklist(props({ view: 'panel', done: ['settings'] }));
    const items = $$('li');
    expect(items.map((li) => li.className)).toEqual(['', 'done', 'locked', '']);
    expect(items[1]!.querySelector('.sr')!.textContent).toBe('Done: ');
    expect(items[0]!.querySelector('strong')!.textContent).toBe('project');
    expect(items[2]!.textContent).toContain('Locked until Create a **project** is done'.replace('**project**', 'project').replace('Create a project', 'Create a **project**'));
    expect(items[2]!.querySelector('.act')).toBeNull();
    expect(items[1]!.querySelector('.act')).toBeNull(); // done: no action
    expect(items[3]!.textContent).toContain('Optional');
    expect($('[role=progressbar]')!.getAttribute('aria-valuenow')).toBe('1');
  });

  it('focuses the panel when the user opened it, and Escape minimises and returns focus to the launcher', () => {
    const w = mountChecklist(props());
    w.update(props({ view: 'panel', requested: true }));
    expect(shadow().activeElement).toBe($('h2'));
    key($('h2')!, 'Escape');
    expect(on.minimise).toHaveBeenCalled();
    w.update(props({ view: 'launcher' }));
    expect(shadow().activeElement).toBe($('button.launch'));
  });

  it('does not take focus when the panel opened by itself', () => {
    document.querySelector<HTMLElement>('#create')!.focus();
    mountChecklist(props({ view: 'panel', requested: false }));
    expect(document.activeElement!.id).toBe('create');
  });

  it('announces completed items and the completion through a live region', async () => {
    vi.useFakeTimers();
    const w = mountChecklist(props({ view: 'panel' }));
    w.update(props({ view: 'panel', done: ['project'] }));
    vi.advanceTimersByTime(100);
    const live = shadow().querySelector('[role=status][aria-live=polite]')!;
    expect(live.textContent).toBe('Done: Create a **project**. 1 of 3 complete.');
    w.update(props({ view: 'panel', done: ['project', 'settings', 'connect'], complete: true }));
    vi.advanceTimersByTime(100);
    expect(live.textContent).toBe('All done! You finished Get started.');
    expect($('.cele')!.textContent).toBe('All done!');
  });

  it('opened at an item (a playbook), points at its element with its hint, once', async () => {
    const w = mountChecklist(props({ view: 'panel' }));
    await tick();
    expect($('.hint')).toBeNull();
    w.update(props({ view: 'panel', focus: 'project' }));
    await tick();
    expect($('.hint')!.textContent).toContain('Click here');
    expect(on.minimise).toHaveBeenCalled(); // the panel steps aside from the element
  });

  it('highlights the target of a selector action with its hint, and reports the click', async () => {
    mountChecklist(props({ view: 'panel' }));
    $$('li')[0]!.querySelector<HTMLElement>('.act')!.click();
    await tick();
    expect(on.itemClick).toHaveBeenCalledWith('project');
    expect(on.minimise).toHaveBeenCalled();
    expect($('.hint')!.textContent).toContain('Click here');
    expect(document.activeElement!.id).toBe('create');
  });

  it('says so when the target is not on this page', async () => {
    mountChecklist(props({ view: 'panel', done: ['project'] }));
    $$('li')[2]!.querySelector<HTMLElement>('.act')!.click();
    await tick();
    expect($$('li')[2]!.textContent).toContain('This is not on this page yet.');
  });

  it('renders link actions as links, and offers close and "don\'t show again"', () => {
    mountChecklist(props({ view: 'panel' }));
    const a = $$('li')[1]!.querySelector('a.act')!;
    expect(a.getAttribute('href')).toBe('/settings');
    $('button[aria-label=Close]')!.click();
    expect(on.dismiss).toHaveBeenLastCalledWith(false);
    $$('.foot button')[0]!.click();
    expect(on.dismiss).toHaveBeenLastCalledWith(true);
  });

  it('speaks Japanese from <html lang>, right-to-left for Arabic, and takes string overrides', () => {
    document.documentElement.lang = 'ja';
    const w = mountChecklist(props({ view: 'panel' }));
    expect($('h2')!.textContent).toBe('はじめよう');
    expect($('.count')!.textContent).toBe('3 件中 0 件完了');
    w.update(props({ view: 'panel', locale: 'ar', strings: { 'checklist.dontShow': 'Never again' } }));
    expect(document.querySelector(HOST_TAG)!.getAttribute('dir')).toBe('rtl');
    expect($('.foot button')!.textContent).toBe('Never again');
  });

  it('renders hostile definition text as text', () => {
    const evil = '<img src=x onerror="window.__x=1"><script>window.__x=2</script>';
    mountChecklist(props({ view: 'panel', def: { ...DEF, title: evil, description: evil } }));
    expect($('h2')!.textContent).toBe(evil);
    expect(shadow().querySelector('img, script')).toBeNull();
  });

  it('removes itself and its host on destroy', () => {
    const w = mountChecklist(props());
    w.destroy();
    expect(document.querySelector(HOST_TAG)).toBeNull();
  });
});
