import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const load = async () => (await import('../../../../packages/sdk/src/browser/context')).getContext;

beforeEach(() => {
  vi.resetModules();
  localStorage.clear();
});
afterEach(() => vi.restoreAllMocks());

describe('getContext', () => {
  it('describes the page, locale, screen and library, and the UTM campaign', async () => {
    history.replaceState({}, '', '/reports?utm_source=news&utm_campaign=launch');
    document.title = 'Reports';
    const ctx = (await load())();
    expect(ctx.page).toMatchObject({ path: '/reports', search: '?utm_source=news&utm_campaign=launch', title: 'Reports' });
    expect(ctx.campaign).toEqual({ source: 'news', name: 'launch' });
    expect(ctx.library).toEqual({ name: 'sabu', version: expect.any(String) });
    expect(ctx.timezone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });

  it('reads the time zone saved by an earlier page instead of starting Intl on the start-up path', async () => {
    (await load())(); // first page of this browser: computes and saves it
    expect(localStorage.getItem('sabu_tz')).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    localStorage.setItem('sabu_tz', 'Asia/Tokyo');
    vi.resetModules();
    vi.useFakeTimers();
    const real = Intl.DateTimeFormat;
    let calls = 0;
    Intl.DateTimeFormat = ((...args: []) => (calls++, real(...args))) as typeof real;
    try {
      const ctx = (await load())();
      expect(ctx.timezone).toBe('Asia/Tokyo');
      expect(calls).toBe(0);
      vi.runAllTimers(); // refreshed when idle
      expect(calls).toBe(1);
    } finally {
      Intl.DateTimeFormat = real;
      vi.useRealTimers();
    }
  });

  it('rebuilds only when the URL changed, with the previous URL as referrer', async () => {
    history.replaceState({}, '', '/a');
    const getContext = await load();
    const first = getContext();
    expect(getContext()).toBe(first);
    history.pushState({}, '', '/b');
    const second = getContext();
    expect(second).not.toBe(first);
    expect(second.page!.referrer).toBe(first.page!.url);
  });
});
