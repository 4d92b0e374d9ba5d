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
  });

  /** Counts `Intl.DateTimeFormat` calls (Chromium's first one costs ~15 ms) while `fn` runs. */
  async function countingIntl(fn: (calls: () => number) => Promise<void>) {
    vi.useFakeTimers(); // first: fake timers wrap Intl.DateTimeFormat themselves
    const real = Intl.DateTimeFormat;
    let n = 0;
    Intl.DateTimeFormat = ((...args: []) => (n++, real(...args))) as typeof real;
    try {
      await fn(() => n);
    } finally {
      Intl.DateTimeFormat = real;
      vi.useRealTimers();
    }
  }
  const realZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

  it('on a first visit, reads the time zone when idle, not on the start-up path, then fills it in', async () => {
    history.replaceState({}, '', '/first');
    await countingIntl(async (calls) => {
      const getContext = await load();
      const first = getContext();
      expect(calls()).toBe(0);
      expect(first.timezone).toBeUndefined(); // optional on the wire: not known yet
      vi.runAllTimers(); // idle
      expect(calls()).toBe(1);
      const later = getContext();
      expect(later.timezone).toBe(realZone());
      expect(first.timezone).toBeUndefined(); // messages already built are not changed
      expect(later.page).toEqual(first.page); // same page, same referrer
      expect(localStorage.getItem('sabu_tz')).toBe(realZone());
    });
  });

  it('uses Temporal.Now.timeZoneId() where the browser has it (no Intl start-up, known at once)', async () => {
    vi.stubGlobal('Temporal', { Now: { timeZoneId: () => 'Europe/Paris' } });
    try {
      await countingIntl(async (calls) => {
        const ctx = (await load())();
        expect(ctx.timezone).toBe('Europe/Paris');
        vi.runAllTimers();
        expect(calls()).toBe(0);
      });
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('reads the time zone saved by an earlier page instead of starting Intl on the start-up path', async () => {
    localStorage.setItem('sabu_tz', 'Asia/Tokyo');
    await countingIntl(async (calls) => {
      const getContext = await load();
      expect(getContext().timezone).toBe('Asia/Tokyo');
      expect(calls()).toBe(0);
      vi.runAllTimers(); // refreshed when idle (the user may have travelled)
      expect(calls()).toBe(1);
      expect(getContext().timezone).toBe(realZone());
    });
  });

  it('where Temporal exists it gives the zone: no storage read (a first visit pays 1-30 ms for it) and no Intl', async () => {
    localStorage.setItem('sabu_tz', 'Asia/Tokyo'); // saved on another trip
    vi.stubGlobal('Temporal', { Now: { timeZoneId: () => 'Europe/Paris' } });
    const getItem = vi.spyOn(Storage.prototype, 'getItem');
    try {
      await countingIntl(async (calls) => {
        const getContext = await load();
        expect(getContext().timezone).toBe('Europe/Paris');
        vi.runAllTimers();
        expect([getItem.mock.calls.length, calls()]).toEqual([0, 0]);
      });
    } finally {
      vi.unstubAllGlobals();
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
