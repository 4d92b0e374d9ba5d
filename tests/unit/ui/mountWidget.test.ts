import { afterEach, describe, expect, it } from 'vitest';
import { getHost, mountWidget, HOST_TAG } from '../../../packages/ui/src/host/mountWidget';
import { applyTheme } from '../../../packages/ui/src/host/applyTheme';

describe('the shared Shadow DOM host', () => {
  afterEach(() => document.querySelector(HOST_TAG)?.remove());

  it('mounts widgets side by side in one shadow root, with styles kept inside', () => {
    const a = mountWidget('checklist', '.a{color:red}', {});
    const b = mountWidget('survey', '.b{color:blue}', {});
    expect(document.querySelectorAll(HOST_TAG)).toHaveLength(1);
    expect(a.shadow).toBe(b.shadow);
    expect(a.shadow.querySelectorAll('[data-widget]')).toHaveLength(2);
    expect(document.head.querySelector('style')).toBeNull(); // nothing leaks into the page
    a.destroy();
    expect(document.querySelector(HOST_TAG)).not.toBeNull();
    b.destroy();
    expect(document.querySelector(HOST_TAG)).toBeNull();
  });

  it('sets language and direction from the locale', () => {
    const w = mountWidget('checklist', '', { locale: 'ar' });
    expect(w.rtl).toBe(true);
    expect(getHost().host.dir).toBe('rtl');
    w.apply({ locale: 'ja' });
    expect(w.el.lang).toBe('ja');
    expect(getHost().host.dir).toBe('ltr');
  });

  it('applies the theme as --sabu-* custom properties, ignoring unknown keys', () => {
    const el = document.createElement('div');
    applyTheme(el, { primary: '#0b57d0', fontSize: '16px', radius: 4, position: 'bottom-left', evil: 'x' });
    expect(el.style.getPropertyValue('--sabu-primary')).toBe('#0b57d0');
    expect(el.style.getPropertyValue('--sabu-font-size')).toBe('16px');
    expect(el.style.getPropertyValue('--sabu-radius')).toBe('4');
    expect(el.dataset.position).toBe('bottom-left');
    applyTheme(el, {});
    expect(el.style.getPropertyValue('--sabu-primary')).toBe('');
  });
});
