// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_EVENT_BYTES } from '@sabu/schema/limits';
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
    expect(r).toEqual({ ok: true, value: { b: 'x\ufffd', 'k\ufffd': [1, '\ufffd', { 'deep\ufffd': 'y' }], c: 2 }, bound: expect.any(Number) });
    expect(Object.keys((r as { value: object }).value)).toEqual(['b', 'k\ufffd', 'c']);
  });

  it('repairs a string at the root', () => {
    expect(normalizeTree('\ud800', 32)).toEqual({ ok: true, value: '\ufffd', bound: 9 });
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
    expect(r).toEqual({ ok: true, value: { 'a\ufffd': 2 }, bound: expect.any(Number) });
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

describe('normalizeTree: the size bound (issue 16: the size check serializes only past it)', () => {
  it('is never below the UTF-8 bytes JSON.stringify makes of the settled value', () => {
    // Any JSON value, with strings of any UTF-16 units (lone surrogates, controls, quotes)
    // and extreme numbers, as JSON.parse can give them.
    const text = fc.string({ unit: 'binary' });
    const num = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(-1.7976931348623157e308, -5e-324, -0, 1e21, -1.2345678901234567e-308));
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, text, num, fc.boolean(), fc.constant(null), tie('array'), tie('object')),
      array: fc.array(tie('value'), { maxLength: 5 }),
      object: fc.dictionary(text, tie('value'), { maxKeys: 5 }),
    })).value;
    fc.assert(
      fc.property(json, (v) => {
        const r = normalizeTree(structuredClone(v), 64);
        if (!r.ok) return;
        expect(r.bound).toBeGreaterThanOrEqual(Buffer.byteLength(JSON.stringify(r.value)));
      }),
      { numRuns: Number(process.env.SABU_FUZZ_RUNS ?? 300) },
    );
  });

  it('stays far under the event limit for a typical SDK event (so it is not serialized twice)', () => {
    const event = { type: 'track', event: 'Feature Used', messageId: 'x'.repeat(36), anonymousId: 'anon-1', properties: { feature: 'export' }, context: { page: { url: 'http://127.0.0.1/app', path: '/app' } } };
    const r = normalizeTree(event, 32);
    expect(r.ok && r.bound).toBeLessThan(MAX_EVENT_BYTES / 4);
  });
});
