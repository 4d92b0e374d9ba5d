import type { Playbook, PlaybookWhen } from '@sabu/schema';
import { closest, matchValues } from '../shared/matchRules.js';
import { matchUrl } from '../shared/matchUrl.js';

/**
 * When a playbook fires: pure functions of the events seen, the user's saved state and
 * the time, tested with a fake clock and no page (docs/playbooks.md).
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Defaults, documented in docs/playbooks.md and the schema. */
export const DEFAULT_COUNT = 1;
export const DEFAULT_WINDOW_SECONDS = 60;
export const DEFAULT_COOLDOWN_HOURS = 24;
export const DEFAULT_MAX_PER_USER = 3;
/** Rank in the shared prompt budget: above a survey (5), below a checklist opening by itself (10). */
export const PLAYBOOK_PRIORITY = 8;

/** The events Sabu's friction signals send, by `when.friction`. */
export const FRICTION_EVENTS = { rage: 'Rage Click', dead: 'Dead Click', error: 'Error Click' } as const;

/** One track event, as a playbook sees it. */
export interface SeenEvent {
  name: string;
  properties: Record<string, unknown>;
  /** The page it happened on (the signals' `page`, else the current URL). */
  href: string;
}

const anyOr = (wanted: string, actual: unknown) => wanted == '*' || wanted === actual;

/**
 * Whether the element a friction event names (by its `selector`, as the signals describe
 * it) is, or is inside, `element`. The element is looked up in the page now: the click
 * happened moments ago.
 */
function onElement(element: string, selector: unknown): boolean {
  if (selector === element) return true;
  try {
    const el = typeof selector == 'string' && typeof document != 'undefined' ? document.querySelector(selector) : null;
    return !!el && !!closest(el, element);
  } catch {
    return false; // a selector the browser does not accept
  }
}

/** Whether one event counts towards an event-driven `when` (friction, event, abandoned flow or form). */
export function counts(w: PlaybookWhen, e: SeenEvent): boolean {
  const p = e.properties;
  if (w.page != null && !matchUrl(w.page, e.href)) return false;
  if (w.friction != null) return e.name == FRICTION_EVENTS[w.friction] && (w.element == null || onElement(w.element, p.selector));
  if (w.event != null) return e.name == w.event && matchValues(w.properties, p);
  if (w.flowAbandoned != null) return e.name == 'Flow Abandoned' && anyOr(w.flowAbandoned, p.flow);
  if (w.formAbandoned != null) return e.name == 'Form Abandoned' && anyOr(w.formAbandoned, p.form);
  return false;
}

/**
 * Adds an occurrence at `t` to the times kept for a threshold and drops those older than
 * its window. Returns the times to keep, and whether the threshold is crossed (then the
 * caller fires and starts counting afresh).
 */
export function addOccurrence(w: PlaybookWhen, times: readonly number[], t: number): { times: number[]; crossed: boolean } {
  const within = (w.withinSeconds ?? DEFAULT_WINDOW_SECONDS) * 1000;
  const kept = [...times, t].filter((x) => t - x < within && x <= t).slice(-(w.count ?? DEFAULT_COUNT));
  return { times: kept, crossed: kept.length >= (w.count ?? DEFAULT_COUNT) };
}

/** What is known about the user when a session starts. */
export interface SessionFacts {
  /** Sessions seen (the current one included). */
  sessions: number;
  /** When the user signed up (`created_at`), else when Sabu first saw them (ms); NaN when unknown. */
  signup: number;
  /** First value reached (on this browser, or per the `first_value_at` trait). */
  valueReached: boolean;
  /** Whether the user used a feature (`Feature Used { feature }`). */
  used(feature: string): boolean;
  now: number;
}

/** A session-start `when` that holds, with the counts that crossed the line; null when it does not. */
export function atSessionStart(w: PlaybookWhen, f: SessionFacts): Record<string, number> | null {
  if (w.noValueAfterDays != null) {
    const days = (f.now - f.signup) / DAY;
    return !f.valueReached && days >= w.noValueAfterDays ? { days: Math.floor(days * 10) / 10, threshold: w.noValueAfterDays } : null;
  }
  if (w.featureNotUsed != null) return f.sessions >= w.afterSessions! && !f.used(w.featureNotUsed) ? { sessions: f.sessions, threshold: w.afterSessions! } : null;
  return null;
}

/** The kind of a `when`, reported as `reason` in `Playbook Triggered`. */
export const reasonOf = (w: PlaybookWhen): string => w.friction ?? (w.event != null ? 'event' : w.flowAbandoned != null ? 'flowAbandoned' : w.formAbandoned != null ? 'formAbandoned' : w.noValueAfterDays != null ? 'noValue' : 'featureNotUsed');

/** What a user has had of one playbook. */
export interface PlaybookRecord {
  /** When it last fired. */
  at: number;
  /** How many times it fired. */
  n: number;
}

/** Why a playbook may not fire now for this user (cool-down, cap), or null. */
export function whyNot(pb: Playbook, rec: PlaybookRecord | undefined, now: number): string | null {
  if (!rec) return null;
  if (rec.n >= (pb.maxPerUser ?? DEFAULT_MAX_PER_USER)) return `fired ${rec.n} times for this user, its cap (maxPerUser)`;
  if (now - rec.at < (pb.cooldownHours ?? DEFAULT_COOLDOWN_HOURS) * HOUR) return 'in its cool-down (cooldownHours)';
  return null;
}
