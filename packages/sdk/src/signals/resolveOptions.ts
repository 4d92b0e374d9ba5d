import { messages, warnOnce } from '../core/messages.js';
import type { DeadClickOptions, ErrorOptions, RageClickOptions, SignalsOptions } from './types.js';

/** What each detector runs with; `null` = off (its code never runs). */
export interface Resolved {
  /** False with `signals: false`: no automatic detector runs (declared flows and `value` still do). */
  _on: boolean;
  _features: boolean;
  _rage: Required<RageClickOptions> | null;
  _dead: Required<DeadClickOptions> | null;
  _errors: Required<ErrorOptions> | null;
  _forms: boolean;
  _vitals: boolean;
}

/** Defaults, with where they come from (docs/signals.md explains each). */
export const RAGE_DEFAULTS: Required<RageClickOptions> = {
  // PostHog's published rageclick defaults (click_count 3, timeout_ms 1000, threshold_px 30).
  count: 3,
  windowMs: 1000,
  radius: 30,
};
// Datadog and Clarity wait about a second for a response; Mixpanel 500 ms, PostHog longer.
export const DEAD_DEFAULTS: Required<DeadClickOptions> = { windowMs: 1000 };
export const ERROR_DEFAULTS: Required<ErrorOptions> = { windowMs: 500, maxPerMinute: 10 };

export const isObject = (v: unknown): v is Record<string, any> => !!v && typeof v == 'object' && !Array.isArray(v);
export const isName = (v: unknown): v is string => typeof v == 'string' && v.trim() != '';
export const warn = (path: string, expected: string, got: unknown, effect: string) =>
  warnOnce(messages.signalsConfig(path, expected, got, effect));

/** `true`/absent → defaults, `false` → off, an object → defaults with its valid numbers. */
function numbers<T extends Record<string, number>>(path: string, v: unknown, defaults: T): T | null {
  if (v === false) return null;
  const out = { ...defaults };
  if (v === undefined || v === true) return out;
  if (!isObject(v)) {
    warn(path, 'true, false or an object', v, 'the defaults are used');
    return out;
  }
  for (const k in v) {
    const x = v[k];
    if (!(k in defaults)) warn(`${path}.${k}`, `one of ${Object.keys(defaults).join(', ')}`, k, 'it is ignored');
    else if (typeof x == 'number' && x > 0 && x < 2 ** 31) (out as Record<string, number>)[k] = x;
    else warn(`${path}.${k}`, 'a positive number', x, `the default ${defaults[k]} is used`);
  }
  return out;
}

function flag(path: string, v: unknown): boolean {
  if (v === undefined || typeof v == 'boolean') return v !== false;
  warn(path, 'true or false', v, 'it stays on');
  return true;
}

/** Reads `config.signals`, warning once per bad field (never throwing). */
export function resolveOptions(signals: unknown): Resolved {
  const s: SignalsOptions & Record<string, unknown> = isObject(signals) ? signals : {};
  if (signals != null && typeof signals != 'boolean' && !isObject(signals)) warn('signals', 'false or an object', signals, 'all signals stay on');
  for (const k in s) {
    if (!['features', 'rageClicks', 'deadClicks', 'errors', 'forms', 'webVitals'].includes(k)) warnOnce(messages.unknownOption('signals.' + k));
  }
  return {
    _on: signals !== false,
    _features: flag('signals.features', s.features),
    _rage: numbers('signals.rageClicks', s.rageClicks, RAGE_DEFAULTS),
    _dead: numbers('signals.deadClicks', s.deadClicks, DEAD_DEFAULTS),
    _errors: numbers('signals.errors', s.errors, ERROR_DEFAULTS),
    _forms: flag('signals.forms', s.forms),
    _vitals: flag('signals.webVitals', s.webVitals),
  };
}
