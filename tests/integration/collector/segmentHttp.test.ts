// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ORIGIN, WRITE_KEY, ev, ingest, startTestCollector, type TestCollector } from './helpers.js';

/**
 * Segment's HTTP Tracking API on the collector (issue 18): single-call endpoints in long
 * and short form, the write key as Basic auth or in the body, userId OR anonymousId,
 * alias and screen, with the answers and de-duplication of /v1/batch.
 */
let c: TestCollector;
beforeAll(async () => {
  c = await startTestCollector({ rateLimit: { max: 1000, windowMs: 60_000 } });
});
afterAll(() => c.stop());

const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
const at = '2026-01-05T10:00:00.000Z';

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${c.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, any> };
}

async function row(messageId: string) {
  const r = await c.store.querySql(
    `SELECT type, event, user_id, anonymous_id, epoch_ms(ts) AS ts, properties::VARCHAR AS properties, traits::VARCHAR AS traits FROM events WHERE project_id = 'acme' AND message_id = '${messageId}'`,
  );
  return r;
}

const CALLS: [string, Record<string, unknown>][] = [
  ['track', { event: 'Subscription Paid', properties: { amount: 1 } }],
  ['identify', { traits: { plan: 'pro' } }],
  ['page', { name: 'Pricing', properties: { path: '/pricing' } }],
  ['group', { groupId: 'acct-1', traits: { name: 'Acme' } }],
  ['alias', { previousId: 'old-anon-x' }],
  ['screen', { name: 'Home' }],
];

describe('Segment single-call endpoints', () => {
  for (const [type, fields] of CALLS) {
    for (const path of [`/v1/${type}`, `/v1/${type[0]}`]) {
      it(`${path} stores one ${type} with a userId only (Basic auth), once even when retried`, async () => {
        const messageId = randomUUID();
        // No `type` in the body: the path says it, as in Segment's API. Extra Segment fields are ignored.
        const body = { userId: 'u-http', messageId, timestamp: at, ...fields, integrations: { All: true }, _metadata: { bundled: [] }, context: { library: { name: 'curl', version: '1' } } };
        const first = await post(path, body, { authorization: basic(WRITE_KEY) });
        expect(first).toMatchObject({ status: 200, body: { success: true, accepted: 1 } });
        expect((await post(path, body, { authorization: basic(WRITE_KEY) })).status).toBe(200);
        const rows = await row(messageId);
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({ type, user_id: 'u-http', anonymous_id: null });
      });
    }
  }

  it('takes the write key in the body (analytics-next) and sends CORS headers to a known origin, after a preflight', async () => {
    const pre = await fetch(`${c.url}/v1/t`, { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization, x-retry-count' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
    const messageId = randomUUID();
    const r = await post('/v1/t', { type: 'track', event: 'Clicked', anonymousId: 'anon-b', messageId, timestamp: at, writeKey: WRITE_KEY, sentAt: at }, { 'content-type': 'text/plain', origin: ORIGIN });
    expect(r.status).toBe(200);
    expect(r.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(await row(messageId)).toMatchObject([{ anonymous_id: 'anon-b', user_id: null, event: 'Clicked' }]);
  });

  it('answers like /v1/batch: 401 without a key, 400 naming the field when both ids are missing', async () => {
    const noKey = await post('/v1/track', { event: 'X', userId: 'u', messageId: randomUUID(), timestamp: at });
    expect(noKey).toMatchObject({ status: 401, body: { error: 'unknown_write_key' } });
    const wrongKey = await post('/v1/i', { userId: 'u', messageId: randomUUID(), timestamp: at }, { authorization: basic('wk_wrong_0000_public') });
    expect(wrongKey.status).toBe(401);
    const noIds = await post('/v1/track', { event: 'X', messageId: randomUUID(), timestamp: at, writeKey: WRITE_KEY });
    expect(noIds.status).toBe(400);
    expect(noIds.body).toMatchObject({ error: 'invalid_events', accepted: 0, errors: [{ index: 0, field: 'anonymousId', message: expect.stringMatching(/userId or an anonymousId/) }] });
    const notObject = await post('/v1/track', [1, 2], { authorization: basic(WRITE_KEY) });
    expect(notObject.status).toBe(400);
    // An alias needs both ids.
    const alias = await post('/v1/alias', { userId: 'u', messageId: randomUUID(), timestamp: at }, { authorization: basic(WRITE_KEY) });
    expect(alias.body).toMatchObject({ error: 'invalid_events', errors: [{ field: 'previousId' }] });
  });

  it('corrects clock skew from the call\'s own sentAt', async () => {
    const messageId = randomUUID();
    // The sender's clock is an hour ahead: the event happened 10 s before it was sent.
    const sentAt = new Date(Date.now() + 3_600_000);
    const r = await post('/v1/track', { event: 'Skewed', userId: 'u-skew', messageId, timestamp: new Date(sentAt.getTime() - 10_000).toISOString(), sentAt: sentAt.toISOString(), writeKey: WRITE_KEY });
    expect(r.status).toBe(200);
    const [stored] = await row(messageId);
    expect(Math.abs(Number(stored!.ts) - (Date.now() - 10_000))).toBeLessThan(5_000);
  });

  it('accepts userId-only events on /v1/batch and /v1/b (analytics-next batching)', async () => {
    const a = randomUUID();
    const b = randomUUID();
    const m = (messageId: string) => ({ type: 'track', event: 'Server Side', userId: 'u-batch', messageId, timestamp: at });
    expect((await post('/v1/batch', { batch: [m(a)] }, { authorization: basic(WRITE_KEY) })).status).toBe(200);
    expect((await post('/v1/b', { batch: [m(b)], writeKey: WRITE_KEY })).status).toBe(200);
    expect(await row(a)).toHaveLength(1);
    expect(await row(b)).toHaveLength(1);
  });

  it('takes a hand-written call without messageId and timestamp (stored at the time it was sent)', async () => {
    const before = Date.now();
    const r = await post('/v1/track', { userId: 'u-curl', event: 'Curl Call', properties: { n: 1 } }, { authorization: basic(WRITE_KEY) });
    expect(r).toMatchObject({ status: 200, body: { accepted: 1 } });
    const rows = await c.store.querySql(`SELECT message_id, epoch_ms(ts) AS ts FROM events WHERE project_id = 'acme' AND user_id = 'u-curl'`);
    expect(rows).toHaveLength(1);
    expect(String(rows[0]!.message_id)).toMatch(/^srv-/);
    expect(Number(rows[0]!.ts)).toBeGreaterThanOrEqual(before - 1);
    expect(Number(rows[0]!.ts)).toBeLessThanOrEqual(Date.now());
  });

  it("applies a batch's top-level context to each call, the call's own fields winning", async () => {
    const a = randomUUID();
    const b = randomUUID();
    const r = await post('/v1/batch', {
      writeKey: WRITE_KEY,
      context: { locale: 'ja-JP', device: { type: 'server' } },
      batch: [
        { type: 'track', event: 'Shared', userId: 'u-ctx', messageId: a, timestamp: at },
        { type: 'track', event: 'Own', userId: 'u-ctx', messageId: b, timestamp: at, context: { locale: 'en-GB' } },
      ],
    });
    expect(r.status).toBe(200);
    const ctx = async (id: string) => JSON.parse(String((await c.store.querySql(`SELECT context::VARCHAR AS c FROM events WHERE message_id = '${id}'`))[0]!.c));
    expect(await ctx(a)).toEqual({ locale: 'ja-JP', device: { type: 'server' } });
    expect(await ctx(b)).toEqual({ locale: 'en-GB', device: { type: 'server' } });
  });

  it('alias() joins an anonymous browser history to the user in the reports', async () => {
    const t0 = Date.now() - 5 * 86_400_000;
    await ingest(c.url, [ev({ event: 'Viewed Docs', anon: 'anon-alias-1', at: t0 })]);
    const r = await post('/v1/a', { previousId: 'anon-alias-1', userId: 'cust-alias', messageId: randomUUID(), timestamp: new Date(t0 + 1000).toISOString(), writeKey: WRITE_KEY });
    expect(r.status).toBe(200);
    await post('/v1/i', { userId: 'cust-alias', traits: { plan: 'team' }, messageId: randomUUID(), timestamp: new Date(t0 + 2000).toISOString(), writeKey: WRITE_KEY });
    const subjects = await c.store.ttvSubjects({ projectId: 'acme', asOf: Date.now(), by: 'signup_week' });
    // First seen = the anonymous page event, now the user's.
    expect(subjects.find((s) => s.personId == 'cust-alias')).toMatchObject({ startAt: t0 });
    expect(subjects.find((s) => s.personId == 'anon-alias-1')).toBeUndefined();
  });
});
