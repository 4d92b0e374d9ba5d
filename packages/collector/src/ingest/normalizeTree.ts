import { formatPath } from '../config/formatIssues.js';

/** `String.prototype.isWellFormed` (ES2024, Node 20+): native, so far cheaper than a regex. */
interface WellFormedString {
  isWellFormed(): boolean;
  toWellFormed(): string;
}

/** Replaces each lone surrogate with U+FFFD, as a UTF-8 encoder (TextEncoder, fetch) does. */
export function toWellFormed(s: string): string {
  return (s as unknown as WellFormedString).toWellFormed();
}

const isWellFormed = (s: string) => (s as unknown as WellFormedString).isWellFormed();

/**
 * `bound`: at least the bytes `JSON.stringify` makes of the value in UTF-8 (a string counts
 * 6 per UTF-16 unit, the longest escape `\uXXXX`; a number 24, the longest a double
 * prints), summed on the walk for free. Ingest's size check serializes only the rare event
 * whose bound passes the limit (issue 16: one JSON.stringify fewer per event).
 */
export type NormalizeResult = { ok: true; value: unknown; bound: number } | { ok: false; field: string; message: string };

type Holder = Record<string, unknown> | unknown[];

/**
 * Settles one parsed JSON value (an event) before anything else looks at it:
 * - every string and object key is made well-formed UTF-16 (a lone surrogate, half of a
 *   pair without its other half, becomes U+FFFD). Escaped `"\ud800"` is valid JSON, but
 *   DuckDB's JSON type, UTF-8 and most consumers reject it; one such event used to fail a
 *   whole group commit (issue 11).
 * - objects and arrays may nest at most `maxDepth` levels (the value itself is level 1).
 *   `JSON.stringify` and other recursive code overflow the stack a few thousand levels
 *   down; this walk stops one level past `maxDepth`, so it never recurses deeper itself.
 *
 * The value is changed in place (it is a freshly parsed body no one else holds). A key
 * that collides with another once repaired overwrites it, as a repeated key does in
 * `JSON.parse`: the last one wins.
 */
export function normalizeTree(root: unknown, maxDepth: number): NormalizeResult {
  const box: Holder = { root };
  const path: (string | number)[] = [];
  const size = { bound: 0 };
  if (settle(box, 'root', 1, maxDepth, path, size)) {
    return { ok: false, field: formatPath(path.reverse()), message: `nested deeper than ${maxDepth} levels` };
  }
  return { ok: true, value: box.root, bound: size.bound };
}

/** The most characters a JSON number takes (`-1.7976931348623157e+308`); true, false, null take fewer. */
const MAX_NUMBER_CHARS = 24;

/**
 * Settles `holder[key]`; true when it nests too deep, with the path below `holder` pushed
 * innermost first.
 */
function settle(holder: Holder, key: string | number, depth: number, maxDepth: number, path: (string | number)[], size: { bound: number }): boolean {
  const v = (holder as Record<string | number, unknown>)[key];
  // Quotes, and a comma or colon around each member: 3 per value covers them.
  if (typeof v == 'string') {
    size.bound += 3 + 6 * v.length;
    if (!isWellFormed(v)) setOwn(holder, key, toWellFormed(v));
    return false;
  }
  if (typeof v != 'object' || v === null) {
    size.bound += 3 + MAX_NUMBER_CHARS;
    return false;
  }
  size.bound += 3;
  if (depth > maxDepth) return true;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      if (settle(v, i, depth + 1, maxDepth, path, size)) {
        path.push(i);
        return true;
      }
    }
    return false;
  }
  let obj = v as Record<string, unknown>;
  let keys = Object.keys(obj);
  if (!keys.every(isWellFormed)) {
    obj = rebuildKeys(obj, keys);
    setOwn(holder, key, obj);
    keys = Object.keys(obj);
  }
  for (const k of keys) {
    size.bound += 3 + 6 * k.length;
    if (settle(obj, k, depth + 1, maxDepth, path, size)) {
      path.push(k);
      return true;
    }
  }
  return false;
}

/** A copy with well-formed keys, in the same order. */
function rebuildKeys(obj: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) setOwn(out, toWellFormed(k), obj[k]);
  return out;
}

/**
 * Plain assignment of `"__proto__"` would set the prototype instead of a property
 * (JSON.parse creates it as an own key, and so must we).
 */
function setOwn(holder: Holder, key: string | number, value: unknown) {
  Object.defineProperty(holder, key, { value, writable: true, enumerable: true, configurable: true });
}
