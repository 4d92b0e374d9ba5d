import { MAX_EVENT_DEPTH } from '@sabu/schema/limits';

/**
 * True when plain `JSON.stringify` gives the same text as {@link replaced}: only JSON's
 * own values (strings, numbers, booleans, null, undefined) in objects and arrays no deeper
 * than MAX_EVENT_DEPTH, and no `toJSON` anywhere (a Date, or a page's
 * `Array.prototype.toJSON`: the careful path handles those). A cycle is found as depth.
 * Walking the message in JavaScript costs far less than a replacer, which `JSON.stringify`
 * calls back for every value (issue 19: about 1 µs against 6 for a 700-byte message).
 */
function plain(v: unknown, depth: number): boolean {
  if (!v || typeof v != 'object') return typeof v != 'bigint' && typeof v != 'function' && typeof v != 'symbol';
  if (depth > MAX_EVENT_DEPTH || (v as { toJSON?: unknown }).toJSON) return false;
  // for-in also sees inherited enumerable keys JSON leaves out: at worst the careful path.
  for (const k in v) if (!plain((v as Record<string, unknown>)[k], depth + 1)) return false;
  return true;
}

/**
 * `JSON.stringify` for what the SDK sends: never throws on host data, and yields text the
 * collector accepts.
 *
 * - Values JSON cannot hold (BigInt, functions, symbols, cycles) or the collector refuses
 *   (nested deeper than MAX_EVENT_DEPTH) are left out, each
 *   reported to `onDrop` with its key, rather than one bad field sinking the whole call.
 * - The text is well-formed: a lone surrogate (half an emoji cut by `.slice()`, broken
 *   host data, in a value or a key) would be invalid UTF-8 on the wire, and collectors
 *   answer 500 for the whole batch. `JSON.stringify` writes exactly those as `\udXXX`
 *   escapes (ES2019 well-formed JSON.stringify, lowercase hex), so they are replaced in
 *   the text by `\ufffd`; the `\\` alternative consumes escaped backslashes first, so a
 *   literal backslash followed by "ud800" is left alone.
 */
export function stringify(value: object, onDrop: (key: string) => void): string {
  const text = plain(value, 1) ? JSON.stringify(value) : replaced(value, onDrop);
  return text.includes('\\ud') ? text.replace(/\\\\|\\ud[89a-f]\w\w/g, (m) => (m[2] ? '\\ufffd' : m)) : text;
}

/** The careful path: `JSON.stringify` with a replacer that leaves out, and reports, what JSON cannot hold. */
export function replaced(value: object, onDrop: (key: string) => void): string {
  // The chain of objects being serialised: `this` is the holder of `v`, so anything
  // above it in the stack has been left.
  const stack: unknown[] = [];
  return JSON.stringify(value, function (this: Record<string, unknown>, key, v: unknown) {
    let t = typeof v;
    // A page's `Array.prototype.toJSON` (Prototype.js) turns arrays into strings: keep the array.
    if (t == 'string' && Array.isArray(this[key])) (v = this[key]), (t = 'object');
    if (t == 'bigint' || t == 'function' || t == 'symbol') return void onDrop(key);
    if (v && t == 'object') {
      while (stack.length && stack[stack.length - 1] !== this) stack.pop();
      // A cycle, or deeper than the collector takes (the message itself is level 1).
      if (stack.includes(v) || stack.length >= MAX_EVENT_DEPTH) return void onDrop(key);
      stack.push(v);
    }
    return v;
  });
}
