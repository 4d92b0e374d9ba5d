import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TYPING_PAUSE_MS, _resetTyping } from '../../../../../packages/sdk/src/guidance/shared/typingPause';
import { MODAL_RECHECK_MS } from '../../../../../packages/sdk/src/guidance/shared/hostModal';
import { PROMPT_INTERVAL_MS, canPrompt, lastPromptAt, requestPrompt, setBusy, spendPrompt } from '../../../../../packages/sdk/src/guidance/shared/promptBudget';

const NOW = Date.UTC(2026, 10, 24);

describe('the shared prompt budget', () => {
  beforeEach(() => {
    localStorage.clear();
    vi.useFakeTimers({ now: NOW });
    _resetTyping();
  });
  afterEach(() => {
    vi.useRealTimers();
    setBusy('panel', false);
  });

  it('allows one unrequested prompt per user per 14 days', () => {
    expect(canPrompt('u1', {}, NOW)).toBe(true);
    spendPrompt('u1', 'survey:nps', NOW);
    expect(canPrompt('u1', {}, NOW + PROMPT_INTERVAL_MS - 1)).toBe(false);
    expect(canPrompt('u1', {}, NOW + PROMPT_INTERVAL_MS)).toBe(true);
    expect(canPrompt('u2', {}, NOW)).toBe(true); // per user
  });

  it('honours a host-supplied last_prompted_at trait (across devices)', () => {
    const traits = { last_prompted_at: new Date(NOW - 3 * 86_400_000).toISOString() };
    expect(lastPromptAt('u1', traits)).toBe(NOW - 3 * 86_400_000);
    expect(canPrompt('u1', traits, NOW)).toBe(false);
  });

  it('grants only the highest priority among requests of the same task, and spends the budget', () => {
    const got: string[] = [];
    const ask = (id: string, priority: number) =>
      requestPrompt({ id, priority, user: 'u1', traits: {}, granted: () => got.push('+' + id), denied: () => got.push('-' + id) });
    ask('checklist:onboarding', 10);
    ask('survey:nps', 20);
    expect(got).toEqual([]); // decided after the task, not at call time
    vi.runAllTimers();
    expect(got.sort()).toEqual(['+survey:nps', '-checklist:onboarding']);
    ask('checklist:onboarding', 10);
    vi.runAllTimers();
    expect(got).toContain('-checklist:onboarding');
    expect(lastPromptAt('u1')).toBe(NOW);
  });

  it('does not spend the budget on a prompt that could not show after all, and lets the next one in priority order show', () => {
    const got: string[] = [];
    requestPrompt({ id: 'playbook:help', priority: 8, user: 'u1', traits: {}, granted: () => (got.push('tried playbook'), false), denied: () => got.push('-playbook') });
    requestPrompt({ id: 'survey:nps', priority: 5, user: 'u1', traits: {}, granted: () => void got.push('+survey'), denied: () => got.push('-survey') });
    vi.runAllTimers();
    expect(got).toEqual(['tried playbook', '+survey']);
    expect(JSON.parse(localStorage.getItem('sabu_prompt:u1')!).id).toBe('survey:nps');
    requestPrompt({ id: 'playbook:help', priority: 8, user: 'u2', traits: {}, granted: () => false });
    vi.runAllTimers();
    expect(lastPromptAt('u2')).toBe(0); // nothing shown, nothing spent
    expect(canPrompt('u2', {}, NOW)).toBe(true);
  });

  it("waits while the page's own modal dialog is open (aria-modal or <dialog> showModal), then decides", () => {
    document.body.innerHTML = '<div class="modal" role="dialog" aria-modal="true"><button>OK</button></div>';
    const got: string[] = [];
    requestPrompt({ id: 'survey:nps', priority: 5, user: 'u1', traits: {}, granted: () => got.push('granted') });
    vi.advanceTimersByTime(10 * MODAL_RECHECK_MS);
    expect(got).toEqual([]);
    document.querySelector('.modal')!.removeAttribute('aria-modal'); // closed, left in the page (as Bootstrap does)
    vi.advanceTimersByTime(MODAL_RECHECK_MS);
    expect(got).toEqual(['granted']);
  });

  it('denies while a widget holds attention (an open checklist panel)', () => {
    setBusy('panel', true);
    expect(canPrompt('u1', {}, NOW)).toBe(false);
    setBusy('panel', false);
    expect(canPrompt('u1', {}, NOW)).toBe(true);
  });

  it('decides only once the user has paused typing for TYPING_PAUSE_MS (a checklist opening by itself too)', async () => {
    document.body.innerHTML = '<input id="q">';
    const input = document.getElementById('q') as HTMLInputElement;
    input.focus();
    const got: string[] = [];
    const key = () => input.dispatchEvent(new KeyboardEvent('keydown', { key: 'x', bubbles: true, composed: true }));
    key(); // starts the watch and counts a key
    requestPrompt({ id: 'checklist:onboarding', priority: 10, user: 'u1', traits: {}, granted: () => got.push('+') });
    await vi.advanceTimersByTimeAsync(2000);
    key();
    await vi.advanceTimersByTimeAsync(TYPING_PAUSE_MS - 1);
    expect(got).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(got).toEqual(['+']);
    expect(document.activeElement).toBe(input); // focus stays with the host field
    document.body.innerHTML = '';
  });
});
