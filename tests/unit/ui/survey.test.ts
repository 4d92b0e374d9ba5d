import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Survey } from '@sabu/schema';
import { mountSurvey, THANKS_MS } from '../../../packages/ui/src/survey/mountSurvey';
import { SURVEY_CSS } from '../../../packages/ui/src/survey/surveyCss';
import { HOST_TAG } from '../../../packages/ui/src/host/mountWidget';
import type { SabuUI } from '../../../packages/sdk/src/guidance/shared/uiContract';
import type { SurveyProps } from '../../../packages/ui/src/survey/types';

// The UI satisfies the SDK's contract for surveys (a type error here breaks `npm run typecheck`).
const contract: SabuUI['mountSurvey'] = mountSurvey;

const NPS: Survey = { id: 'nps', kind: 'nps', question: 'How likely are you to recommend **Acme**?', triggers: [{ event: 'X' }], followUp: { question: 'Why?' } };

function mount(over: Partial<SurveyProps> = {}) {
  const calls: [string, ...unknown[]][] = [];
  const on = {
    shown: () => calls.push(['shown']),
    pick: (n: number) => calls.push(['pick', n]),
    answer: (n: number) => calls.push(['answer', n]),
    comment: (t: string) => calls.push(['comment', t]),
    dismiss: () => calls.push(['dismiss']),
  };
  const props: SurveyProps = { def: NPS, score: null, done: false, on, locale: 'en', ...over };
  const handle = contract(props as never);
  const shadow = document.querySelector(HOST_TAG)!.shadowRoot!;
  const $ = <E extends Element = HTMLElement>(sel: string) => shadow.querySelector<E>(sel);
  const radios = () => [...shadow.querySelectorAll<HTMLInputElement>('input[type=radio]')];
  return { calls, handle, shadow, $, radios, props, update: (p: Partial<SurveyProps>) => handle.update({ ...props, ...p } as never) };
}
const key = (el: Element, k: string, type = 'keydown') => el.dispatchEvent(new KeyboardEvent(type, { key: k, bubbles: true }));
const change = (el: HTMLInputElement) => ((el.checked = true), el.dispatchEvent(new Event('change', { bubbles: true })));

describe('the survey prompt', () => {
  afterEach(() => {
    document.querySelector(HOST_TAG)?.remove();
    document.body.innerHTML = '';
    vi.useRealTimers();
  });

  it('asks the question as the legend of a radio group with labelled ends, in the shadow root', () => {
    const w = mount();
    expect(document.body.querySelector('input')).toBeNull(); // nothing in the page's DOM
    expect(w.$('legend')!.textContent).toBe('How likely are you to recommend Acme?');
    expect(w.$('legend strong')!.textContent).toBe('Acme');
    const labels = w.radios().map((r) => r.getAttribute('aria-label'));
    expect(labels).toHaveLength(11);
    expect(labels[0]).toBe('0 – Not at all likely');
    expect(labels[5]).toBe('5');
    expect(labels[10]).toBe('10 – Extremely likely');
    expect(w.$('section')!.getAttribute('role')).toBe('dialog');
    expect(w.$('section')!.getAttribute('aria-modal')).toBe('false');
    expect(w.calls).toEqual([['shown']]);
  });

  it('has the scale of each kind, in Japanese too, and honours labels from the definition', () => {
    const ces = mount({ def: { ...NPS, kind: 'ces' }, locale: 'ja' });
    expect(ces.radios().map((r) => r.getAttribute('aria-label'))).toEqual(['1 – とても難しい', '2', '3', '4', '5', '6', '7 – とても簡単']);
    expect(ces.$('.x')!.getAttribute('aria-label')).toBe('閉じる');
    ces.handle.destroy();
    const csat = mount({ def: { ...NPS, kind: 'csat', labels: { low: { en: 'Awful', ja: 'ひどい' } } } });
    expect(csat.radios().map((r) => r.getAttribute('aria-label'))).toEqual(['1 – Awful', '2', '3', '4', '5 – Very satisfied']);
  });

  it('does not take focus from what the user is typing', () => {
    document.body.innerHTML = '<input id="name">';
    const input = document.getElementById('name')!;
    input.focus();
    mount();
    expect(document.activeElement).toBe(input);
  });

  it('answers at once on a click (or Space), but only picks while the arrow keys move', () => {
    const w = mount();
    change(w.radios()[8]!);
    expect(w.calls.slice(1)).toEqual([['answer', 8]]);
    const k = mount();
    k.calls.length = 0;
    key(k.radios()[0]!, 'ArrowRight');
    change(k.radios()[1]!);
    key(k.radios()[1]!, 'ArrowRight');
    change(k.radios()[2]!);
    expect(k.calls).toEqual([['pick', 1], ['pick', 2]]);
    expect(k.radios()[2]!.checked).toBe(true);
    key(k.radios()[2]!, 'Enter');
    expect(k.calls.at(-1)).toEqual(['answer', 2]);
    key(k.radios()[2]!, ' ', 'keyup');
    expect(k.calls.at(-1)).toEqual(['answer', 2]);
  });

  it('closes on Escape and on the close button', () => {
    const w = mount();
    key(w.radios()[3]!, 'Escape');
    w.$('.x')!.click();
    expect(w.calls.slice(1)).toEqual([['dismiss'], ['dismiss']]);
  });

  it('asks the follow-up after the score and submits the comment; moves focus only when it was in the prompt', () => {
    const w = mount();
    w.radios()[9]!.focus();
    w.update({ score: 9, followUp: { en: 'What do you like most?', ja: '一番気に入っている点は？' } });
    const area = w.$<HTMLTextAreaElement>('textarea')!;
    expect(w.$('label.q')!.textContent).toBe('What do you like most?');
    expect(area.maxLength).toBe(1000);
    expect(w.shadow.activeElement).toBe(area);
    area.value = 'The reports';
    w.$<HTMLFormElement>('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    expect(w.calls.at(-1)).toEqual(['comment', 'The reports']);
  });

  it('thanks, then closes by itself', () => {
    vi.useFakeTimers();
    const w = mount();
    w.update({ score: 10, done: true });
    expect(w.$('.done')!.textContent).toBe('Thank you for your feedback!');
    vi.advanceTimersByTime(THANKS_MS);
    expect(w.calls.at(-1)).toEqual(['dismiss']);
    w.handle.destroy();
    expect(document.querySelector(HOST_TAG)).toBeNull();
  });

  it('shows hostile text as text', () => {
    const w = mount({ def: { ...NPS, question: '<img src=x onerror="alert(1)">[x](javascript:alert(1))' } });
    expect(w.$('img')).toBeNull();
    expect(w.$('a')).toBeNull();
    expect(w.$('legend')!.textContent).toContain('<img src=x');
  });

  it('keeps the 11 NPS boxes at least 24 px wide and animates only without reduced motion', () => {
    expect(SURVEY_CSS).toMatch(/\.opt\{[^}]*min-width:24px/);
    expect(SURVEY_CSS).toMatch(/animation:sv-in/);
  });
});
