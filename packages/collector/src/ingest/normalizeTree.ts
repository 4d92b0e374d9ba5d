import { formatPath } from '../config/formatIssues.js';

/**
 * A lone UTF-16 surrogate: half of a pair without its other half. With the `u` flag a
 * well-formed pair is one astral code point, so only lone halves match `\p{Cs}`.
 */
const LONE_SURROGATE = /\p{Cs}/u;
const LONE_SURROGATES = /\p{Cs}/gu;

/** Replaces each lone surrogate with U+FFFD, as a UTF-8 encoder (TextEncoder, fetch) does. */
export function toWellFormed(s: string): string {
  return LONE_SURROGATE.test(s) ? s.replace(LONE_SURROGATES, '\ufffd') : s;
}

export type NormalizeResult = { ok: true; value: unknown } | { ok: false; field: string; message: string };

interface Frame {
  value: unknown;
  depth: number;
  parent: Frame | undefined;
  /** Key or index of `value` in its parent. */
  key: string | number;
  /** Where to write a changed value back. */
  holder: Record<string, unknown> | unknown[] | undefined;
}

/**
 * Settles one parsed JSON value (an event) before anything else looks at it:
 * - every string and object key is made well-formed UTF-16 (lone surrogates → U+FFFD).
 *   Escaped `"\ud800"` is valid JSON, but DuckDB's JSON type, UTF-8 and most consumers
 *   reject it; one such event used to fail a whole group commit (issue 11).
 * - objects and arrays may nest at most `maxDepth` levels (the value itself is level 1).
 *   `JSON.stringify` and other recursive code overflow the stack a few thousand levels
 *   down; this walk is iterative, so it stops deep input without ever recursing.
 *
 * The value is changed in place (it is a freshly parsed body no one else holds). A key
 * that collides with another once repaired overwrites it, as a repeated key does in
 * `JSON.parse`: the last one wins.
 */
export function normalizeTree(root: unknown, maxDepth: number): NormalizeResult {
  const box = { root };
  const stack: Frame[] = [{ value: root, depth: 1, parent: undefined, key: 'root', holder: box as Record<string, unknown> }];
  while (stack.length) {
    const f = stack.pop()!;
    const v = f.value;
    if (typeof v == 'string') {
      const w = toWellFormed(v);
      if (w !== v) setOwn(f.holder!, f.key, w);
      continue;
    }
    if (typeof v != 'object' || v === null) continue;
    if (f.depth > maxDepth) return { ok: false, field: pathOf(f), message: `nested deeper than ${maxDepth} levels` };
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push({ value: v[i], depth: f.depth + 1, parent: f, key: i, holder: v });
      continue;
    }
    let obj = v as Record<string, unknown>;
    const keys = Object.keys(obj);
    if (keys.some((k) => LONE_SURROGATE.test(k))) {
      obj = rebuildKeys(obj, keys);
      setOwn(f.holder!, f.key, obj);
    }
    for (const k of Object.keys(obj)) stack.push({ value: obj[k], depth: f.depth + 1, parent: f, key: k, holder: obj });
  }
  return { ok: true, value: box.root };
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
function setOwn(holder: Record<string, unknown> | unknown[], key: string | number, value: unknown) {
  Object.defineProperty(holder, key, { value, writable: true, enumerable: true, configurable: true });
}

/** `properties.a[2].b` for the frame, from the event's root (which has no name). */
function pathOf(f: Frame): string {
  const path: (string | number)[] = [];
  for (let x: Frame | undefined = f; x?.parent; x = x.parent) path.push(x.key);
  return formatPath(path.reverse());
}
