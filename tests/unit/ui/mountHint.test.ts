import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLICK_GRACE_MS, mountHint, type HintProps } from '../../../packages/ui/src/hint/mountHint';
import { HOST_TAG } from '../../../packages/ui/src/host/mountWidget';

const shadow = () => document.querySelector(HOST_TAG)!.shadowRoot!;
let on: { shown: ReturnType<typeof vi.fn>; close: ReturnType<typeof vi.fn> };
const props = (over: Partial<HintProps> = {}): HintProps => ({ selector: '#card', text: { en: 'Enter your card first', ja: 'カードを先に' }, on: on as never, ...over });

beforeEach(() => {
  vi.useFakeTimers();
  on = { shown: vi.fn(), close: vi.fn() };
  document.body.innerHTML = '<label>Card <input id="card"></label><button id="pay">Pay</button>';
  document.documentElement.lang = 'en';
});
afterEach(() => {
  document.querySelector(HOST_TAG)?.remove();
  vi.useRealTimers();
});

describe('the playbook hint', () => {
  it('points at the element with its text as text, in the page language, without taking focus', () => {
    (document.getElementById('pay') as HTMLElement).focus();
    mountHint(props({ text: { en: '<b>Enter</b> your card first', ja: 'カードを先に' } }));
    expect(shadow().querySelector('.hint')!.textContent).toContain('<b>Enter</b> your card first');
    expect(shadow().querySelector('.hint b')).toBeNull();
    expect(shadow().querySelector('.ring-hl')).not.toBeNull();
    expect(on.shown).toHaveBeenCalledOnce();
    expect(document.activeElement!.id).toBe('pay');
    document.querySelector(HOST_TAG)?.remove();
    document.documentElement.lang = 'ja';
    mountHint(props());
    expect(shadow().querySelector('.hint')!.textContent).toContain('カードを先に');
  });

  it('closes on Escape, on its close button, and on a click after the grace period only', () => {
    const h = mountHint(props());
    document.getElementById('pay')!.click(); // the rage burst's last clicks
    expect(on.close).not.toHaveBeenCalled();
    vi.advanceTimersByTime(CLICK_GRACE_MS);
    document.getElementById('pay')!.click();
    expect(on.close).toHaveBeenCalledTimes(1);
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(on.close).toHaveBeenCalledTimes(2);
    shadow().querySelector<HTMLButtonElement>('.hint button')!.click();
    expect(on.close).toHaveBeenCalledTimes(3);
    h.destroy();
    expect(document.querySelector(HOST_TAG)).toBeNull();
  });

  it('shows nothing and closes when the element is gone', () => {
    mountHint(props({ selector: '#missing' }));
    expect(on.shown).not.toHaveBeenCalled();
    expect(on.close).toHaveBeenCalledOnce();
  });
});
