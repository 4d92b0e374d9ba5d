import type { ValueOptions } from './types.js';

/** Traits that say when the user signed up, in order of preference. */
export const SIGNUP_TRAITS = ['created_at', 'signed_up_at', 'createdAt', 'signedUpAt'];

/** A trait date: ISO string, epoch ms, or epoch seconds (numbers below 1e11). NaN when unreadable. */
export function parseDate(v: unknown): number {
  if (typeof v == 'number') return v < 1e11 ? v * 1000 : v;
  return typeof v == 'string' && v ? Date.parse(v) : NaN;
}

/** ISO 8601 week of a time, e.g. `2026-W48` (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(ms: number): string {
  const d = new Date(ms);
  const day = (d.getUTCDay() + 6) % 7;
  const thursday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day + 3);
  const year = new Date(thursday).getUTCFullYear();
  const week = 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / 6048e5);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The start of the clock: signup (from traits) when known, else the first time Sabu saw the user. */
export function startOf(traits: Record<string, unknown>, firstSeen: number): { start: number; from: 'signup' | 'first_seen' } {
  for (const k of SIGNUP_TRAITS) {
    const t = parseDate(traits[k]);
    if (t > 0) return { start: t, from: 'signup' };
  }
  return { start: firstSeen, from: 'first_seen' };
}

/** Does a track event count as the value moment? */
export function isValueEvent(o: ValueOptions, event: unknown, props: Record<string, unknown> | undefined): boolean {
  if (event != o.event) return false;
  for (const k in o.where) if (props?.[k] !== o.where[k]) return false;
  return true;
}

/** The properties of `First Value Reached` at `now`. */
export function firstValue(o: ValueOptions, traits: Record<string, unknown>, firstSeen: number, now: number) {
  const { start, from } = startOf(traits, firstSeen);
  const c = o.cohortBy ? traits[o.cohortBy] : isoWeek(start);
  return { ttv_ms: Math.max(0, Math.round(now - start)), from, cohort: c == null ? null : String(c), value_event: o.event };
}
