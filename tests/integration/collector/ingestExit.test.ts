// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { MAX_EXIT_ASK } from '@sabu/schema/limits';
import { WRITE_KEY, ev, postBatch, startTestCollector, type TestCollector } from './helpers.js';

/**
 * Issue 19: a page's exit request names itself (`exitId`); the next page asks (`exitAsk`)
 * whether the collector stored it and hears `exitStored`, so it need not send it again.
 */
let c: TestCollector;
beforeAll(async () => {
  c = await startTestCollector({ rateLimit: { max: 1000, windowMs: 60_000 } });
});
afterAll(() => c.stop());

const at = '2026-01-05T10:00:00.000Z';
const post = (fields: Record<string, unknown>, writeKey = WRITE_KEY) => postBatch(c.url, [], { body: JSON.stringify({ writeKey, ...fields }) });

describe('exit requests: exitId, exitAsk, exitStored', () => {
  it('answers which asked exit requests it stored, on a batch or a question alone', async () => {
    const stored = randomUUID();
    const before = await c.store.countEvents('acme');
    expect((await post({ batch: [ev({ event: 'Leaving', at })], exitId: stored })).body).toEqual({ success: true, accepted: 1 });
    const never = randomUUID();
    const withBatch = await post({ batch: [ev({ event: 'Next', at })], exitAsk: [stored, never] });
    expect(withBatch.status).toBe(200);
    expect(withBatch.body).toEqual({ success: true, accepted: 1, exitStored: [stored] });
    const alone = await post({ batch: [], exitAsk: [never, stored] });
    expect(alone.body).toEqual({ success: true, accepted: 0, exitStored: [stored] });
    expect(await c.store.countEvents('acme')).toBe(before + 2);
  });

  it('does not vouch for an exit request it refused (invalid events) or for another project', async () => {
    const refused = randomUUID();
    const r = await post({ batch: [{ ...ev({ event: 'x', at }), event: '' }], exitId: refused });
    expect(r.status).toBe(400);
    expect((await post({ batch: [], exitAsk: [refused] })).body.exitStored).toEqual([]);
  });

  it('says nothing about exits when not asked (a Segment-only client sees today’s answer)', async () => {
    expect((await post({ batch: [ev({ event: 'A', at })] })).body).toEqual({ success: true, accepted: 1 });
  });

  it('rejects malformed exitId and exitAsk with 400 naming the field, and stores nothing', async () => {
    const before = await c.store.countEvents('acme');
    for (const [fields, field] of [
      [{ exitId: 'has space' }, 'exitId'],
      [{ exitId: 'x'.repeat(65) }, 'exitId'],
      [{ exitId: 42 }, 'exitId'],
      [{ exitAsk: 'e1' }, 'exitAsk'],
      [{ exitAsk: [] }, 'exitAsk'],
      [{ exitAsk: ['ok', '<script>'] }, 'exitAsk[1]'],
      [{ exitAsk: Array.from({ length: MAX_EXIT_ASK + 1 }, (_, i) => 'e' + i) }, 'exitAsk'],
    ] as const) {
      const r = await post({ batch: [ev({ event: 'A', at })], ...fields });
      expect(r.status, JSON.stringify(fields)).toBe(400);
      expect(r.body.error).toBe('invalid_batch');
      expect(r.body.message).toContain(field + ':');
    }
    const empty = await post({ batch: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.message).toMatch(/^batch: /);
    expect(await c.store.countEvents('acme')).toBe(before);
  });

  it('answers an unknown write key with 401 as before, question or not', async () => {
    const r = await post({ batch: [], exitAsk: [randomUUID()] }, 'wk_nope_0000');
    expect(r.status).toBe(401);
    expect(r.body.exitStored).toBeUndefined();
  });
});
