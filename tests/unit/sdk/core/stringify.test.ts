import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { MAX_EVENT_DEPTH } from '../../../../packages/schema/src/limits';
import { replaced, stringify } from '../../../../packages/sdk/src/core/stringify';

/** Serialises and parses back, collecting the keys reported as left out. */
function roundTrip(value: object) {
  const dropped: string[] = [];
  const text = stringify(value, (k) => dropped.push(k));
  return { text, value: JSON.parse(text), dropped };
}

const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('stringify', () => {
  it('replaces lone surrogates in values and keys with U+FFFD, and keeps pairs and look-alike text', () => {
    const label = 'a'.repeat(99) + '😀';
    const { value, text } = roundTrip({ cut: label.slice(0, 100), ['k\udc00']: 'x\ud800y', pair: '😀', literal: '\\ud800', both: '\\\ud800' });
    expect(value).toEqual({ cut: 'a'.repeat(99) + '\ufffd', 'k\ufffd': 'x\ufffdy', pair: '😀', literal: '\\ud800', both: '\\\ufffd' });
    expect(LONE.test(JSON.parse(text) + Object.keys(value).join(''))).toBe(false);
    expect(new TextDecoder('utf-8', { fatal: true }).decode(new TextEncoder().encode(text))).toBe(text);
  });

  it('leaves out what JSON cannot hold, naming each key, and keeps the rest', () => {
    const cyclic: Record<string, unknown> = { name: 'c' };
    cyclic.self = cyclic;
    const shared = { n: 1 };
    const { value, dropped } = roundTrip({ big: 5n, fn() {}, sym: Symbol('s'), cyclic, a: shared, b: shared, list: [1, 2n, 3], when: new Date(0), ok: 'yes' });
    expect(value).toEqual({ cyclic: { name: 'c' }, a: { n: 1 }, b: { n: 1 }, list: [1, null, 3], when: '1970-01-01T00:00:00.000Z', ok: 'yes' });
    expect(dropped.sort()).toEqual(['1', 'big', 'fn', 'self', 'sym']);
  });

  it(`leaves out objects nested deeper than ${MAX_EVENT_DEPTH} levels (the message is level 1), as the collector refuses them`, () => {
    const nest = (levels: number): object => (levels == 1 ? {} : { d: nest(levels - 1) });
    const depthOf = (v: any): number => (v && typeof v == 'object' ? 1 + Math.max(0, ...Object.values(v).map(depthOf)) : 0);
    expect(depthOf(roundTrip(nest(MAX_EVENT_DEPTH)).value)).toBe(MAX_EVENT_DEPTH);
    const deep = roundTrip(nest(MAX_EVENT_DEPTH + 5));
    expect(depthOf(deep.value)).toBe(MAX_EVENT_DEPTH);
    expect(deep.dropped).toEqual(['d']);
  });

  it("keeps arrays as arrays when the page gives Array.prototype a toJSON (Prototype.js)", () => {
    const proto = Array.prototype as unknown as { toJSON?: () => string };
    proto.toJSON = function () {
      return '[' + (this as unknown as unknown[]).join(', ') + ']';
    };
    try {
      expect(roundTrip({ tags: ['a', 'b'], nested: { list: [[1], [2]] } }).value).toEqual({ tags: ['a', 'b'], nested: { list: [[1], [2]] } });
    } finally {
      delete proto.toJSON;
    }
  });

  it('never calls back for plain JSON', () => {
    const onDrop = vi.fn();
    stringify({ a: [1, 'x', null, true, { b: 2.5 }], c: undefined }, onDrop);
    expect(onDrop).not.toHaveBeenCalled();
  });
});

describe('stringify: the plain JSON.stringify path (issue 19)', () => {
  const RUNS = Number(process.env.SABU_FUZZ_RUNS) || 200;
  const surrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
  const text = fc.oneof(fc.string({ maxLength: 8 }), fc.string({ unit: fc.oneof(fc.constantFrom('a', '😀', '\\', '"'), surrogate), maxLength: 6 }));
  const leaf = fc.oneof(
    text,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constantFrom(null, undefined, () => 1, Symbol('s'), new Date(0)),
    fc.bigInt({ min: -10n, max: 10n }),
  );
  const { tree } = fc.letrec((tie) => ({
    tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.array(tie('tree'), { maxLength: 4 }), fc.dictionary(text, tie('tree'), { maxKeys: 4 })),
  }));
  /** Sometimes nested past MAX_EVENT_DEPTH, sometimes with a cycle. */
  const message = fc.tuple(tree, fc.integer({ min: 0, max: MAX_EVENT_DEPTH + 2 }), fc.boolean()).map(([t, wrap, cycle]) => {
    let v: Record<string, unknown> = { properties: t };
    for (let i = 0; i < wrap; i++) v = { d: v };
    if (cycle) v.self = v;
    return v;
  });
  const fix = (t: string) => t.replace(/\\\\|\\ud[89a-f]\w\w/g, (m) => (m[2] ? '\\ufffd' : m));

  it('gives exactly the text and the left-out keys of the careful path, whatever the data', () => {
    fc.assert(
      fc.property(message, (v) => {
        const fast: string[] = [];
        const careful: string[] = [];
        expect(stringify(v, (k) => fast.push(k))).toBe(fix(replaced(v, (k) => careful.push(k))));
        expect(fast).toEqual(careful);
      }),
      { numRuns: RUNS },
    );
  });

  it('takes the careful path for a Date, a patched Array.prototype.toJSON and a cycle', () => {
    const spy = vi.spyOn(JSON, 'stringify');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const v of [{ when: new Date(0) }, cyclic, { list: [1] }]) {
      spy.mockClear();
      stringify(v, () => {});
      expect(typeof spy.mock.calls[0]![1], JSON.stringify(Object.keys(v))).toBe(v.list ? 'undefined' : 'function');
    }
    spy.mockRestore();
  });
});
