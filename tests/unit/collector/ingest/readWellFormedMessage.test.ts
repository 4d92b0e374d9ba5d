// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { incomingMessageSchema } from '@sabu/schema';
import { readWellFormedMessage } from '../../../../packages/collector/src/ingest/readWellFormedMessage.js';

/**
 * Issue 16: the fast path of event validation must never accept what zod refuses, and must
 * give what zod gives, down to the key order of the JSON the store keeps. Whatever it does
 * not vouch for goes to zod, so the errors stay zod's.
 */
const T = '2026-01-01T00:00:00.000Z';
const context = { page: { url: 'http://127.0.0.1/app', path: '/app', title: 'App' }, library: { name: 'sabu', version: '0.1.0' }, locale: 'en-US', sessionId: 's1' };
const COMMON = { messageId: 'm1', timestamp: T, anonymousId: 'a1', userId: 'u1', context, sentAt: T };

/** The fast path's answer agrees with zod's: accepted the same, with the same JSON. */
function expectAgreement(item: unknown) {
  const fast = readWellFormedMessage(item);
  if (fast === undefined) return false;
  const z = incomingMessageSchema.safeParse(item);
  expect(z.success).toBe(true);
  const data = z.data as Record<string, unknown>;
  expect(fast).toEqual(data);
  for (const k of ['context', 'properties', 'traits']) expect(JSON.stringify((fast as Record<string, unknown>)[k])).toBe(JSON.stringify(data[k]));
  return true;
}

describe('readWellFormedMessage', () => {
  it('reads every message type in the forms the SDK and Segment libraries send', () => {
    const messages = [
      { ...COMMON, type: 'track', event: 'Feature Used', properties: { feature: 'f1', n: 2 } },
      { ...COMMON, type: 'identify', traits: { plan: 'pro', created_at: T } },
      { ...COMMON, type: 'group', groupId: 'g1', traits: { name: 'Acme' } },
      { ...COMMON, type: 'page', name: 'Home', properties: { path: '/' } },
      { ...COMMON, type: 'screen', name: null },
      { ...COMMON, type: 'alias', previousId: 'a1' },
      // Server-side: no anonymousId, no messageId, no timestamp, an offset time, unknown fields.
      { type: 'track', userId: 'u1', event: 'Paid', sentAt: '2026-01-01T09:00:00+09:00', integrations: { All: true }, _metadata: {} },
      // Context in another order, with extra fields (kept, after the known ones) and a campaign with extras (dropped).
      { ...COMMON, type: 'track', event: 'E', context: { sessionId: 's', extra: { x: 1 }, campaign: { term: 't', utm_x: 1, name: 'n' }, page: { title: 'T', url: 'u', path: '/', hash: '#a' }, screen: { height: 2, width: 1 } } },
    ];
    for (const m of messages) expect(expectAgreement(JSON.parse(JSON.stringify(m))), JSON.stringify(m)).toBe(true);
  });

  it('leaves to zod what is invalid or unusual', () => {
    const bad = [
      { ...COMMON, type: 'track', event: '' },
      { ...COMMON, type: 'track', event: 'E', anonymousId: null, userId: null },
      { ...COMMON, type: 'track', event: 'E', timestamp: '2026-02-30T00:00:00Z' },
      { ...COMMON, type: 'track', event: 'E', properties: [1] },
      { ...COMMON, type: 'track', event: 'E', context: { screen: { width: '1' } } },
      { ...COMMON, type: 'alias', userId: null, previousId: 'a' },
      { ...COMMON, type: 'teleport' },
      { ...COMMON, type: 'track', event: 'E', messageId: 'm'.repeat(101) },
      JSON.parse('{"type":"track","event":"E","anonymousId":"a","properties":{"__proto__":{"x":1}}}'),
      [COMMON],
      'nope',
    ];
    for (const m of bad) expect(readWellFormedMessage(m), JSON.stringify(m)).toBeUndefined();
  });

  it('never accepts what zod refuses, and gives what zod gives (property)', () => {
    // Written as 1e400 in the JSON text: JSON.parse reads it as Infinity, which z.number() refuses.
    const HUGE = '<1e400>';
    const text = fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('', 'x'.repeat(100), 'x'.repeat(101), 'x'.repeat(200), 'x'.repeat(201)));
    const value = fc.oneof(text, fc.integer(), fc.double({ noNaN: true }), fc.constantFrom(null, true, HUGE), fc.jsonValue({ maxDepth: 2 }));
    const time = fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 3 },
      { arbitrary: fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }).map((d) => d.toISOString()), weight: 4 },
      { arbitrary: fc.constantFrom('2026-01-01T00:00:00Z', '2026-01-01T00:00:00+02:00', '2024-02-29T00:00:00Z', '2025-02-29T00:00:00Z', '2026-01-01', '2026-01-01T24:00:00Z', 'now'), weight: 2 },
      value,
    );
    const maybe = <T,>(a: fc.Arbitrary<T>) => fc.oneof({ arbitrary: a, weight: 15 }, { arbitrary: value, weight: 1 });
    /** An object with these fields (each may be missing or of the wrong kind), unknown ones, in any key order. */
    const shuffled = (fields: Record<string, fc.Arbitrary<unknown>>, extras = true) =>
      fc
        .tuple(fc.record(fields, { requiredKeys: [] }), extras ? fc.dictionary(fc.constantFrom('x', 'hash', 'utm', '__proto__', 'constructor', 'name'), value, { maxKeys: 2 }) : fc.constant({}))
        .chain(([known, more]) => {
          const entries = [...Object.entries(known), ...Object.entries(more).filter(([k]) => !(k in known))].filter(([, v]) => v !== undefined);
          return fc.shuffledSubarray(entries, { minLength: entries.length });
        })
        // fromEntries makes a "__proto__" key an own key, as JSON.parse does.
        .map((entries) => Object.fromEntries(entries) as unknown);
    const strings = (keys: string[]) => Object.fromEntries(keys.map((k) => [k, maybe(fc.string({ maxLength: 3 }))]));
    const ctx = shuffled({
      page: maybe(shuffled(strings(['url', 'path', 'search', 'referrer', 'title']))),
      locale: maybe(text),
      screen: maybe(shuffled({ width: maybe(fc.integer()), height: maybe(fc.double({ noNaN: true })), density: maybe(fc.constant(2)) })),
      campaign: maybe(shuffled(strings(['name', 'source', 'term']))),
      library: maybe(shuffled(strings(['name', 'version']))),
      sessionId: maybe(text),
      groupId: maybe(text),
    });
    const id = fc.oneof({ arbitrary: fc.constantFrom('a1', 'u1', 'x'.repeat(200)), weight: 12 }, fc.constantFrom('', 'x'.repeat(201), null), value);
    const fields = shuffled({
      type: fc.oneof({ arbitrary: fc.constantFrom('track', 'identify', 'group', 'page', 'screen', 'alias'), weight: 9 }, { arbitrary: value, weight: 1 }),
      messageId: maybe(text),
      timestamp: time,
      sentAt: time,
      anonymousId: id,
      userId: id,
      previousId: id,
      groupId: id,
      event: maybe(text),
      name: maybe(fc.oneof(text, fc.constant(null))),
      context: maybe(ctx),
      properties: maybe(shuffled({ a: value, b: value })),
      traits: maybe(shuffled({ plan: value })),
    });
    // Through JSON text, as the collector receives it.
    const message = fields.map((m) => JSON.parse(JSON.stringify(m).replaceAll(`"${HUGE}"`, '1e400')) as unknown);
    let read = 0;
    fc.assert(
      fc.property(message, (m) => {
        if (expectAgreement(m)) read++;
      }),
      { numRuns: Number(process.env.SABU_FUZZ_RUNS) || 3000, seed: Number(process.env.SABU_FUZZ_SEED) || 16 },
    );
    // The generator reaches the fast path, not only its refusals.
    expect(read).toBeGreaterThan(100);
  });
});
