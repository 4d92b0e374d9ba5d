import type { FormatFunction, SabuConfig } from '../types.js';
import { messages, warnOnce } from './messages.js';

/** Defaults, each with where the number comes from. */
export const DEFAULTS = {
  /** Segment's analytics.js batch size. */
  batchSize: 20,
  /** Segment's analytics.js batch timeout. */
  flushInterval: 5000,
  maxQueueSize: 10_000,
  /** The industry's session definition (Google Analytics, Amplitude, Segment). */
  sessionTimeout: 30 * 60 * 1000,
  trackPages: true,
  compression: true,
  format: 'segment' as const,
  consent: 'granted' as const,
  respectDoNotTrack: false,
  debug: false,
};

export type ResolvedConfig = Required<Omit<SabuConfig, 'beforeSend' | 'headers' | 'plugins'>> &
  Pick<SabuConfig, 'beforeSend'> & { headers: Record<string, string>; plugins: NonNullable<SabuConfig['plugins']> };

type Check = [field: string, expected: string, ok: (v: any) => boolean];

/**
 * Formats a bundle has built in, by name (the script tag registers `posthog`, so
 * `data-format="posthog"` works); npm users import the function instead, so the core
 * carries no format it does not use.
 */
export const FORMATS: Record<string, FormatFunction> = {};

const str = (v: unknown) => typeof v == 'string' && v.length > 0;
const int = (min: number, max: number) => (v: unknown) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
const bool = (v: unknown) => typeof v == 'boolean';
const fn = (v: unknown) => typeof v == 'function';

const CHECKS: Check[] = [
  ['writeKey', 'a non-empty string', str],
  ['endpoint', 'a URL string', str],
  ['batchSize', 'an integer from 1 to 500', int(1, 500)],
  ['flushInterval', 'an integer from 0 to 600000 (ms)', int(0, 600_000)],
  ['maxQueueSize', 'an integer from 1 to 1000000', int(1, 1_000_000)],
  ['sessionTimeout', 'an integer of at least 1000 (ms)', int(1000, 2 ** 31)],
  ['trackPages', 'true or false', bool],
  ['compression', 'true or false', bool],
  ['headers', 'an object of string values', (v) => !!v && typeof v == 'object' && Object.values(v).every((x) => typeof x == 'string')],
  ['format', "'segment', a function (posthog from '@sabu/sdk/posthog') or, with the script tag, 'posthog'", (v) => v == 'segment' || fn(v) || !!FORMATS[v]],
  ['beforeSend', 'a function', fn],
  ['consent', "'pending' or 'granted'", (v) => v == 'pending' || v == 'granted'],
  ['respectDoNotTrack', 'true or false', bool],
  ['debug', 'true or false', bool],
  // A plugin factory passed uncalled (`plugins: [signals]`) is a function with a name: refused, said so.
  ['plugins', 'an array of plugin objects, as in [signals()]', (v) => Array.isArray(v) && v.every((p) => p && typeof p == 'object' && str(p.name))],
];

/**
 * Options read by optional modules (signals, checklists, surveys, UI), which validate them
 * themselves; the core only lets them through.
 */
export const EXTENSION_KEYS = ['signals', 'flows', 'value', 'checklist', 'checklists', 'surveys', 'playbooks', 'tours', 'guides', 'ui', 'locale', 'strings', 'theme'];

/**
 * Checks the configuration field by field. On the first problem it logs one `[sabu]`
 * error naming the field and returns null, so the SDK stays inert rather than half-working.
 */
export function validateConfig(input: unknown): ResolvedConfig | null {
  if (!input || typeof input != 'object') {
    warnOnce(messages.invalidConfig('writeKey', 'a non-empty string in an object such as { writeKey, endpoint }', input), 'error');
    return null;
  }
  const c = input as Record<string, unknown>;
  for (const [field, expected, ok] of CHECKS) {
    const v = c[field];
    if ((v !== undefined || field == 'writeKey' || field == 'endpoint') && !ok(v)) {
      warnOnce(messages.invalidConfig(field, expected, v), 'error');
      return null;
    }
  }
  const out: Record<string, unknown> = { ...DEFAULTS, headers: {}, plugins: [] };
  for (const k in c) {
    if (!CHECKS.some(([f]) => f == k) && !EXTENSION_KEYS.includes(k)) warnOnce(messages.unknownOption(k));
    if (c[k] !== undefined) out[k] = c[k];
  }
  out.format = FORMATS[out.format as string] || out.format;
  return out as ResolvedConfig;
}
