import { afterEach, describe, expect, it } from 'vitest';
import { createT, pickText } from '../../../packages/ui/src/i18n/createT';
import { isRtl, resolveLocale } from '../../../packages/ui/src/i18n/resolveLocale';
import { STRINGS } from '../../../packages/ui/src/i18n/strings';

describe('strings and locales', () => {
  afterEach(() => {
    document.documentElement.lang = '';
    document.documentElement.dir = '';
  });

  it('ships English and Japanese for every key', () => {
    expect(Object.keys(STRINGS.ja!).sort()).toEqual(Object.keys(STRINGS.en!).sort());
    // Every string with words in English has Japanese in Japanese (placeholders aside).
    for (const [k, v] of Object.entries(STRINGS.ja!))
      if (/[a-z]/i.test(STRINGS.en![k]!.replace(/\{\w+\}/g, ''))) expect(v, k).toMatch(/[\u3040-\u30ff\u4e00-\u9faf]/);
  });

  it('translates with placeholders, falling back from ja-JP to ja to en', () => {
    expect(createT('ja-JP')('checklist.progressLong', { done: 3, total: 5 })).toBe('5 件中 3 件完了');
    expect(createT('fr')('checklist.close')).toBe('Close');
    expect(createT('en')('no.such.key')).toBe('no.such.key');
  });

  it('lets config.strings override any string, flat or per locale', () => {
    expect(createT('en', { 'checklist.close': 'Hide' })('checklist.close')).toBe('Hide');
    expect(createT('ja', { ja: { 'checklist.close': '隠す' }, en: { 'checklist.close': 'Hide' } })('checklist.close')).toBe('隠す');
    expect(createT('fr', { fr: { 'checklist.close': 'Fermer' } })('checklist.close')).toBe('Fermer');
  });

  it('picks definition texts by locale, then language, then English, then any', () => {
    const text = { en: 'Invite', ja: '招待' };
    expect(pickText(text, 'ja-JP')).toBe('招待');
    expect(pickText(text, 'de')).toBe('Invite');
    expect(pickText({ de: 'Einladen' }, 'ja')).toBe('Einladen');
    expect(pickText('Plain', 'ja')).toBe('Plain');
  });

  it('takes the locale from config, else <html lang>; RTL from the locale or the page', () => {
    document.documentElement.lang = 'ja';
    expect(resolveLocale()).toBe('ja');
    expect(resolveLocale('en-GB')).toBe('en-GB');
    expect(isRtl('ar-EG')).toBe(true);
    expect(isRtl('en')).toBe(false);
    document.documentElement.dir = 'rtl';
    expect(isRtl('en')).toBe(true);
  });
});
