// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { normalizeTree, toWellFormed } from '../../../../packages/collector/src/ingest/normalizeTree.js';

/** `{"a":{"a":…1…}}` with `levels` objects, built as text so the test itself never recurses. */
const nested = (levels: number) => JSON.parse('{"a":'.repeat(levels - 1) + '{"a":1' + '}'.repeat(levels));

describe('toWellFormed', () => {
  it('replaces lone high and low halves with U+FFFD and keeps pairs', () => {
    expect(toWellFormed('a\ud800b\udc00c😀\ud83d')).toBe('a\ufffdb\ufffdc😀\ufffd');
    expect(toWellFormed('plain')).toBe('plain');
    expect(toWellFormed('')).toBe('');
  });
});

describe('normalizeTree', () => {
  it('repairs strings at any depth, in arrays, and in keys, keeping key order', () => {
    const v = JSON.parse('{"b":"x\\ud800","k\\udc00":[1,"\\udfff",{"deep\\ud800":"y"}],"c":2}');
    const r = normalizeTree(v, 32);
    expect(r).toEqual({ ok: true, value: { b: 'x\ufffd', 'k\ufffd': [1, '\ufffd', { 'deep\ufffd': 'y' }], c: 2 } });
    expect(Object.keys((r as { value: object }).value)).toEqual(['b', 'k\ufffd', 'c']);
  });

  it('repairs a string at the root', () => {
    expect(normalizeTree('\ud800', 32)).toEqual({ ok: true, value: '\ufffd' });
  });

  it('keeps "__proto__" an own key, never the prototype', () => {
    const v = JSON.parse('{"__proto__":{"polluted":"\\ud800"},"k\\ud800":1}');
    const r = normalizeTree(v, 32) as { ok: true; value: Record<string, unknown> };
    expect(Object.getPrototypeOf(r.value)).toBe(Object.prototype);
    expect(Object.keys(r.value)).toEqual(['__proto__', 'k\ufffd']);
    expect(JSON.stringify(r.value)).toBe('{"__proto__":{"polluted":"\ufffd"},"k\ufffd":1}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('lets the last of two keys that collide once repaired win, like JSON.parse', () => {
    const r = normalizeTree(JSON.parse('{"a\\ud800":1,"a\\udc00":2}'), 32);
    expect(r).toEqual({ ok: true, value: { 'a\ufffd': 2 } });
  });

  it('accepts exactly maxDepth levels and names the path one level past it', () => {
    expect(normalizeTree(nested(32), 32).ok).toBe(true);
    expect(normalizeTree(nested(33), 32)).toEqual({ ok: false, field: `a${'.a'.repeat(31)}`, message: 'nested deeper than 32 levels' });
    expect(normalizeTree([[[1]]], 2)).toEqual({ ok: false, field: '[0][0]', message: 'nested deeper than 2 levels' });
  });

  it('stops 100,000 levels of nesting without overflowing the stack', () => {
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000));
    expect(normalizeTree({ properties: { x: deep } }, 32)).toMatchObject({ ok: false, message: 'nested deeper than 32 levels' });
  });
});
