import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as api from '../../../packages/sdk/src/api';
import { batchSchema, messageSchema } from '../../../packages/schema/src/index';
import { fakePlatform } from './fakePlatform';

/**
 * Property: whatever a host passes (names, properties, traits: lone surrogates, huge
 * strings, BigInt, cycles, getters that throw, odd objects), no call throws into it, and
 * whatever is sent is a batch the collector's wire schema accepts, with no ill-formed UTF-16.
 * SABU_FUZZ_RUNS / SABU_FUZZ_SEED run it longer (`npm run fuzz`).
 */
const RUNS = Number(process.env.SABU_FUZZ_RUNS) || 60;
const SEED = Number(process.env.SABU_FUZZ_SEED) || 20261130;

const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const surrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
/** Strings as hosts and the DOM produce them: any UTF-16 unit, lone halves, emoji cut anywhere, long ones. */
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.oneof(fc.constantFrom('a', '😀', 'あ', ' ', '\\', '"', '\u0000'), surrogate), maxLength: 30 }),
  fc.tuple(fc.string({ minLength: 190, maxLength: 260 }), surrogate).map(([s, c]) => s + c),
);

/** Values JSON cannot hold or that fight back when read. */
const odd = fc.constantFrom<() => unknown>(
  () => 10n,
  () => () => 1,
  () => Symbol('s'),
  () => {
    const o: Record<string, unknown> = { a: 1 };
    o.self = o;
    return o;
  },
  () => ({ get boom() {
    throw new Error('getter');
  }, ok: 1 }),
  () => ({ toJSON() {
    throw new Error('toJSON');
  } }),
  () => new Map([[1, 2]]),
  () => Object.create(null),
  () => new Date(NaN),
  () => [1, , 3],
  () => ({ ['\ud800key']: 'v\udfff' }),
  () => ({ nested: { deeper: [{ deepest: 'x'.repeat(40_000) }] } }),
);
const value = fc.oneof(fc.anything({ key: fc.string({ unit: 'binary', maxLength: 8 }), withBigInt: true, withDate: true, withMap: true, withSet: true, withSparseArray: true, withNullPrototype: true, withTypedArray: true, withBoxedValues: true, maxDepth: 3 }), odd.map((f) => f()), text);
const props = fc.oneof(fc.dictionary(fc.string({ unit: 'binary', maxLength: 8 }), value, { maxKeys: 5 }), value);

const call = fc.oneof(
  fc.tuple(fc.constant('track'), fc.oneof(text, value), props),
  fc.tuple(fc.constant('page'), fc.oneof(text, value), props),
  fc.tuple(fc.constant('identify'), fc.oneof(text, value), props),
  fc.tuple(fc.constant('group'), fc.oneof(text, value), props),
  fc.tuple(fc.constant('feature'), fc.oneof(text, value), props),
);

let fake: ReturnType<typeof fakePlatform>;
beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  api._reset();
  vi.restoreAllMocks();
});

/** Every string and key in a parsed value. */
function* strings(v: unknown): Generator<string> {
  if (typeof v == 'string') yield v;
  else if (v && typeof v == 'object') for (const [k, x] of Object.entries(v)) yield k, yield* strings(x);
}

describe('the public API under arbitrary host input (property)', () => {
  it('never throws into the host, and sends only batches the wire schema accepts, with well-formed text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(call, { minLength: 1, maxLength: 8 }), async (calls) => {
        fake = fakePlatform();
        api._reset(() => fake.platform);
        api.init({ writeKey: 'wk', endpoint: '/v1/batch' });
        for (const [name, a, b] of calls) expect(() => (api as any)[name](a, b)).not.toThrow();
        await api.flush();
        for (const req of fake.sent) {
          expect(req.body).not.toMatch(/\\ud[89a-f][0-9a-f]{2}/);
          const body = JSON.parse(req.body);
          expect(batchSchema.safeParse(body).success).toBe(true);
          for (const m of body.batch) {
            const r = messageSchema.safeParse(m);
            expect(r.success, JSON.stringify(r.error?.issues)).toBe(true);
          }
          for (const s of strings(body)) expect(LONE.test(s)).toBe(false);
        }
        // Every call is accounted for: sent, or refused with a [sabu] message.
        const st = api.status()!;
        expect(st.queued).toBe(0);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
