import fc from 'fast-check';

/**
 * fast-check generators for hostile ingest input: any JSON text a write key can send.
 * Values are built as trees whose `Raw` leaves are emitted verbatim, so a body can hold
 * what JavaScript values cannot: numbers such as 1e400 or 30-digit integers, and nesting
 * thousands of levels deep (built as text, so neither generator nor serialiser recurses).
 */

/** JSON text emitted as is. */
export class Raw {
  constructor(readonly text: string) {}
}

/**
 * Runs per property: a bounded count inside `npm test`, more with `npm run fuzz`
 * (SABU_FUZZ_RUNS). The seed is fixed unless SABU_FUZZ_SEED is set, so `npm test` is
 * repeatable and a failure is replayed with the seed fast-check prints.
 */
export function fuzzParams(numRuns: number, seed: number): fc.Parameters<unknown> {
  const runs = Number(process.env.SABU_FUZZ_RUNS) || numRuns;
  const envSeed = process.env.SABU_FUZZ_SEED;
  return { numRuns: runs, seed: envSeed ? Number(envSeed) : seed, endOnFailure: true };
}

/** Tests with many runs need room: a run took up to 300 ms on a busy machine (2 cores, load 15); this is only a ceiling. */
export const fuzzTimeout = (numRuns: number) => 20_000 + (Number(process.env.SABU_FUZZ_RUNS) || numRuns) * 1_000;

/** Mostly ordinary characters, with lone surrogate halves, controls, quotes and emoji mixed in. */
const char = fc.oneof(
  { weight: 8, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) },
  { weight: 2, arbitrary: fc.constantFrom('\u0000', '\ufeff', '\u2028', '"', '\\', '😀', "'", '%', '$', '{', '\ud83d', '\ude00', 'é', '𝄞') },
);
export const weirdString = fc.string({ unit: char, maxLength: 30 });

/** Numbers JSON can carry but JavaScript reads oddly, or not at all as written. */
const rawNumber = fc
  .constantFrom('1e400', '-1e400', '1e-400', '123456789012345678901234567890', '-0', '0.0000000000000000000001', '9007199254740993', '-9223372036854775809', '1E+308', '4.9e-324')
  .map((t) => new Raw(t));

/** Objects or arrays nested `levels` deep, as text. */
export const deepRaw = fc
  .tuple(fc.integer({ min: 1, max: 6_000 }), fc.boolean())
  .map(([levels, objects]) => new Raw(objects ? '{"a":'.repeat(levels) + '1' + '}'.repeat(levels) : '['.repeat(levels) + ']'.repeat(levels)));

/** An object with up to 3,000 keys. */
const wideRaw = fc.integer({ min: 100, max: 3_000 }).map((n) => new Raw(`{${Array.from({ length: n }, (_, i) => `"k${i}":${i}`).join(',')}}`));

const leaf = fc.oneof(
  { weight: 4, arbitrary: weirdString },
  { weight: 2, arbitrary: fc.double() },
  { weight: 2, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: rawNumber },
);

const tree: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    leaf,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.oneof(weirdString, fc.constantFrom('__proto__', 'constructor', 'toString', '')), tie('value'), { maxKeys: 6 }),
  ),
})).value;

/**
 * Any JSON value, with weird strings (keys too) and raw leaves; now and then very deep or
 * very wide (rarely, or most batches would be over the size limit and test nothing else).
 */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof({ weight: 14, arbitrary: tree }, { weight: 1, arbitrary: deepRaw }, { weight: 1, arbitrary: wideRaw });

/** Valid ISO times, ordinary or at the edges of what the format allows. */
export const isoTime = fc.oneof(
  { weight: 4, arbitrary: fc.date({ noInvalidDate: true, min: new Date('2000-01-01'), max: new Date('2100-01-01') }).map((d) => d.toISOString()) },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: true, min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59.999Z') }).map((d) => d.toISOString()) },
  { weight: 1, arbitrary: fc.constantFrom('0000-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z', '1970-01-01T00:00:00+14:00', '1969-12-31T23:59:59.999-12:00') },
);

/** Times of every kind: valid, impossible, outside Date's range, or not times at all. */
const time = fc.oneof(
  { weight: 4, arbitrary: isoTime },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()) },
  { weight: 1, arbitrary: fc.constantFrom('2026-02-30T00:00:00Z', '2026-01-01T24:00:00Z', '+275760-09-13T00:00:00.000Z', '') },
  { weight: 1, arbitrary: anyValue },
);

/**
 * A message as a hostile or buggy sender might shape it: every field may be missing,
 * of the wrong type, or a weird value of the right type.
 */
export const anyEvent = fc.record(
  {
    type: fc.oneof({ weight: 6, arbitrary: fc.constantFrom('track', 'identify', 'group', 'page') }, { weight: 1, arbitrary: anyValue }),
    messageId: fc.oneof({ weight: 4, arbitrary: fc.uuid() }, { weight: 2, arbitrary: weirdString }, { weight: 1, arbitrary: anyValue }),
    timestamp: time,
    sentAt: time,
    anonymousId: fc.oneof({ weight: 4, arbitrary: weirdString }, { weight: 1, arbitrary: anyValue }),
    userId: fc.oneof({ weight: 4, arbitrary: weirdString }, { weight: 1, arbitrary: anyValue }),
    event: fc.oneof({ weight: 4, arbitrary: weirdString }, { weight: 1, arbitrary: anyValue }),
    name: weirdString,
    groupId: weirdString,
    properties: fc.oneof({ weight: 4, arbitrary: fc.dictionary(weirdString, anyValue, { maxKeys: 8 }) }, { weight: 1, arbitrary: anyValue }),
    traits: fc.oneof({ weight: 4, arbitrary: fc.dictionary(weirdString, anyValue, { maxKeys: 8 }) }, { weight: 1, arbitrary: anyValue }),
    context: fc.oneof(
      { weight: 3, arbitrary: fc.record({ page: fc.record({ url: weirdString, path: weirdString, title: weirdString }), sessionId: weirdString, groupId: weirdString, locale: weirdString, screen: fc.record({ width: fc.oneof(fc.double(), rawNumber), height: fc.integer() }) }, { requiredKeys: [] }) },
      { weight: 1, arbitrary: anyValue },
    ),
  },
  { requiredKeys: [] },
);

/** JSON text of a tree holding `Raw` leaves. Generated trees are shallow: deep parts are Raw. */
export function toJsonText(v: unknown): string {
  if (v instanceof Raw) return v.text;
  if (Array.isArray(v)) return `[${v.map(toJsonText).join(',')}]`;
  if (v && typeof v == 'object') {
    return `{${Object.keys(v)
      .map((k) => `${JSON.stringify(k)}:${toJsonText((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}
