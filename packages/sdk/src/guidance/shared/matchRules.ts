import type { Audience, Condition, MatchValue } from '@sabu/schema';
import { matchUrl } from './matchUrl.js';

/**
 * The shared rule language, evaluated: pure functions of what happened, with no DOM
 * access beyond `Element.closest`. Checklists use them for `completeWhen` and `audience`;
 * surveys for triggers and `audience`. See docs/checklists.md#rules.
 */

/** Something the guidance saw happen. */
export type Observation =
  | { type: 'event'; name: string; properties: Record<string, unknown> }
  | { type: 'page'; url: string }
  | { type: 'click'; target: Element }
  | { type: 'visible'; selector: string }
  | { type: 'traits'; traits: Record<string, unknown> };

const DAY = 86_400_000;

/** Equal to `expected`, or to any of its items when it is an array. */
export const matchValue = (expected: MatchValue | undefined, actual: unknown): boolean =>
  Array.isArray(expected) ? expected.some((e) => e === actual) : expected === actual;

/** Every listed key of `actual` matches. */
export const matchValues = (expected: Record<string, MatchValue> | undefined, actual: Record<string, unknown> | undefined): boolean =>
  !expected || Object.keys(expected).every((k) => matchValue(expected[k], actual?.[k]));

/**
 * `Element.closest` that also climbs out of shadow roots to their hosts (a click inside a
 * web component is inside the component too), and treats an invalid selector as no match.
 */
export function closest(el: Element, selector: string): Element | null {
  try {
    for (let n: Element | undefined = el; n; n = (n.getRootNode() as ShadowRoot).host) {
      const hit = n.closest(selector);
      if (hit) return hit;
    }
  } catch {
    /* invalid selector */
  }
  return null;
}

/** The leaf conditions of a rule, keyed by their position (`"1.0"` = second child's first child). */
export function leavesOf(c: Condition, key = ''): [key: string, leaf: Condition][] {
  const kids = c.all ?? c.any;
  return kids ? kids.flatMap((k, i) => leavesOf(k, key ? `${key}.${i}` : String(i))) : [[key, c]];
}

/** Whether a leaf condition is met by one observation. */
export function leafMatches(leaf: Condition, o: Observation): boolean {
  switch (o.type) {
    case 'event':
      return leaf.event == o.name && matchValues(leaf.properties, o.properties);
    case 'page':
      return leaf.url != null && matchUrl(leaf.url, o.url);
    case 'click':
      return leaf.click != null && !!closest(o.target, leaf.click);
    case 'visible':
      return leaf.visible == o.selector;
    case 'traits': {
      if (leaf.trait == null) return false;
      const v = o.traits[leaf.trait];
      return leaf.equals === undefined ? v != null && v !== false && v !== '' : matchValue(leaf.equals, v);
    }
  }
}

/** Whether a rule holds, given the keys of the leaves that have been met (at any time). */
export function holds(c: Condition, met: ReadonlySet<string>, key = ''): boolean {
  const kids = c.all ?? c.any;
  if (!kids) return met.has(key);
  const each = (k: Condition, i: number) => holds(k, met, key ? `${key}.${i}` : String(i));
  return c.all ? kids.every(each) : kids.some(each);
}

/** A time trait (`created_at`): ISO string, or epoch seconds or milliseconds. NaN when absent. */
export function timeOf(v: unknown): number {
  if (typeof v == 'number') return v < 1e11 ? v * 1000 : v;
  return typeof v == 'string' ? (/^\d+$/.test(v) ? timeOf(+v) : Date.parse(v)) : NaN;
}

/** Whether the user is in the audience (traits, signup age); pages are {@link matchPage}'s. */
export function matchUser(a: Audience | undefined, traits: Record<string, unknown>, now: number): boolean {
  if (!a) return true;
  if (!matchValues(a.traits, traits)) return false;
  if (a.signedUpWithinDays == null) return true;
  const since = now - timeOf(traits.created_at ?? traits.createdAt);
  return since <= a.signedUpWithinDays * DAY;
}

/** Whether the audience may see something on this page. */
export const matchPage = (a: Audience | undefined, href: string): boolean =>
  (!a?.urls || a.urls.some((p) => matchUrl(p, href))) && !a?.excludeUrls?.some((p) => matchUrl(p, href));
