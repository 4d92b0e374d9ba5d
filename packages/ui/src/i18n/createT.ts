import { STRINGS } from './strings.js';
import { fallbacks } from './resolveLocale.js';

/** Translates a key and fills `{name}` placeholders. */
export type T = (key: string, vars?: Record<string, string | number>) => string;

/**
 * Builds `t()` for a locale. `overrides` (`config.strings`) is either flat
 * (`{ 'checklist.close': 'Hide' }`, any language) or by locale (`{ ja: { ... } }`).
 */
export function createT(locale: string, overrides: Record<string, unknown> = {}, own: Record<string, Record<string, string>> = {}): T {
  // `own`: built-in strings of a widget in a chunk of its own (tours), kept out of sabu-ui.js.
  const tables = fallbacks(locale).flatMap((l) => [overrides[l], STRINGS[l], own[l]]);
  tables.unshift(overrides);
  return (key, vars = {}) => {
    let s = key;
    for (const table of tables) {
      const v = table && typeof table == 'object' ? (table as Record<string, unknown>)[key] : undefined;
      if (typeof v == 'string') {
        s = v;
        break;
      }
    }
    return s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
  };
}

/** A definition's text (`"Hi"` or `{ "en": "Hi", "ja": "こんにちは" }`) in the locale. */
export function pickText(text: unknown, locale: string): string {
  if (typeof text == 'string') return text;
  if (!text || typeof text != 'object') return '';
  const t = text as Record<string, string>;
  for (const l of fallbacks(locale)) if (typeof t[l] == 'string') return t[l]!;
  return Object.values(t).find((v) => typeof v == 'string') ?? '';
}
