/** Languages written right to left (https://www.w3.org/International/questions/qa-scripts). */
const RTL = /^(ar|he|fa|ur|ps|sd|ug|yi|dv|ckb)\b/i;

/**
 * The widget language: `config.locale`, else the page's `<html lang>`, else the
 * browser's. Returned as given (`ja-JP`); strings fall back from it to its language, then English.
 */
export function resolveLocale(configured?: string): string {
  const l = configured || (typeof document != 'undefined' && document.documentElement.lang) || (typeof navigator != 'undefined' && navigator.language) || 'en';
  return String(l);
}

/** Whether a locale is written right to left, or the page says so (`<html dir="rtl">`). */
export const isRtl = (locale: string): boolean =>
  RTL.test(locale) || (typeof document != 'undefined' && document.documentElement.dir == 'rtl');

/** `ja-JP` → [`ja-JP`, `ja`, `en`]: the order in which translations are looked for. */
export const fallbacks = (locale: string): string[] => [...new Set([locale, locale.split('-')[0]!, 'en'])];
