// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_EVENT_DEPTH } from '@sabu/schema/limits';
import { WRITE_KEY, ev, postBatch, startTestCollector, type TestCollector } from './helpers.js';

/** Issue 11, break 5: a property nested ~4,500 levels overflowed JSON.stringify: 500. */
let c: TestCollector;
beforeAll(async () => {
  c = await startTestCollector({ rateLimit: { max: 100_000, windowMs: 60_000 } });
});
afterAll(() => c.stop());

const at = '2026-01-05T10:00:00.000Z';
/** The JSON text of `levels` nested objects or arrays (the test never recurses to build it). */
const deepText = (levels: number, kind: 'object' | 'array' = 'object') =>
  kind == 'object' ? '{"a":'.repeat(levels) + '1' + '}'.repeat(levels) : '['.repeat(levels) + ']'.repeat(levels);
/** A batch body whose event `index` carries `properties.deep = <deep text>`. */
function bodyWithDeepEvent(levels: number, kind: 'object' | 'array' = 'object') {
  const good = ev({ event: 'Fine', user: 'd', at });
  const bad = ev({ event: 'Deep', user: 'd', at, props: { deep: '@@DEEP@@' } });
  return { good, body: JSON.stringify({ writeKey: WRITE_KEY, batch: [good, bad] }).replace('"@@DEEP@@"', deepText(levels, kind)) };
}

describe('deep nesting', () => {
  for (const levels of [4_500, 60_000]) {
    for (const kind of ['object', 'array'] as const) {
      it(`answers 400 naming the event for a property nested ${levels} levels (${kind}s), storing the others`, async () => {
        const { good, body } = bodyWithDeepEvent(levels, kind);
        const r = await postBatch(c.url, [], { body });
        expect(r.status).toBe(400);
        expect(r.body).toMatchObject({ error: 'invalid_events', accepted: 1, rejected: 1 });
        expect(r.body.errors).toEqual([{ index: 1, field: expect.stringMatching(kind == 'object' ? /^properties\.deep\.a\.a/ : /^properties\.deep\[0\]\[0\]/), message: `nested deeper than ${MAX_EVENT_DEPTH} levels` }]);
        const [row] = await c.store.querySql(`SELECT count(*)::INT AS n FROM events WHERE message_id = '${good.messageId}'`);
        expect(row).toEqual({ n: 1 });
      });
    }
  }

  it('accepts an event exactly at the depth limit', async () => {
    // The event is level 1, properties level 2, properties.deep level 3.
    const { body } = bodyWithDeepEvent(MAX_EVENT_DEPTH - 2);
    expect((await postBatch(c.url, [], { body })).status).toBe(200);
  });

  it('answers 4xx, not 500, when the whole body or its batch is nested 200,000 levels', async () => {
    // No write key can be found in a bare array: 401.
    expect((await postBatch(c.url, [], { body: deepText(200_000, 'array') })).status).toBe(401);
    const r = await postBatch(c.url, [], { body: `{"writeKey":"${WRITE_KEY}","batch":${deepText(200_000, 'array')}}` });
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([expect.objectContaining({ index: 0, message: `nested deeper than ${MAX_EVENT_DEPTH} levels` })]);
  });
});
