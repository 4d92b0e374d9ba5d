// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { MAX_BATCH_BYTES } from '@sabu/schema/limits';
import { ORIGIN, WRITE_KEY, ev, postBatch, startTestCollector, type TestCollector } from './helpers.js';

let c: TestCollector;
beforeAll(async () => {
  c = await startTestCollector({ rateLimit: { max: 1000, windowMs: 60_000 } });
});
afterAll(() => c.stop());

const count = () => c.store.countEvents('acme');
const at = '2026-01-05T10:00:00.000Z';

describe('POST /v1/batch', () => {
  it('stores a valid batch and acknowledges it with 200', async () => {
    const before = await count();
    const r = await postBatch(c.url, [ev({ event: 'A', user: 'u1', at }), ev({ event: 'B', user: 'u1', at })]);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ success: true, accepted: 2 });
    expect(await count()).toBe(before + 2);
  });

  it('stores nothing twice when a batch is retried (dedupe by messageId)', async () => {
    const before = await count();
    const batch = [ev({ event: 'A', user: 'u2', at }), ev({ event: 'B', user: 'u2', at })];
    expect((await postBatch(c.url, batch)).status).toBe(200);
    expect((await postBatch(c.url, batch)).status).toBe(200);
    // The same id twice inside one batch, and racing retries in parallel, too.
    const e = ev({ event: 'C', user: 'u2', at });
    await Promise.all([postBatch(c.url, [e, e]), postBatch(c.url, [e]), postBatch(c.url, [e])]);
    expect(await count()).toBe(before + 3);
  });

  it('accepts gzip bodies', async () => {
    const before = await count();
    const body = gzipSync(JSON.stringify({ batch: [ev({ event: 'Gz', user: 'u3', at })], writeKey: WRITE_KEY }));
    const r = await postBatch(c.url, [], { body, headers: { 'content-encoding': 'gzip' } });
    expect(r.status).toBe(200);
    expect(await count()).toBe(before + 1);
  });

  it('answers 400 naming the encoding for a corrupt or cut-short compressed body', async () => {
    const whole = gzipSync(JSON.stringify({ batch: [ev({ event: 'Gz', user: 'u3', at })], writeKey: WRITE_KEY }));
    for (const [enc, body] of [['gzip', whole.subarray(0, 15)], ['gzip', Buffer.from('not gzip')], ['br', Buffer.from([1, 2, 3])], ['deflate', whole]] as const) {
      const r = await postBatch(c.url, [], { body, headers: { 'content-encoding': enc } });
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ error: 'bad_encoding', message: expect.stringContaining(`the body is not valid ${enc}`) });
    }
  });

  it('accepts text/plain JSON bodies (sendBeacon / keepalive at page exit)', async () => {
    const before = await count();
    const body = JSON.stringify({ batch: [ev({ event: 'Exit', user: 'u3', at })], writeKey: WRITE_KEY });
    const r = await postBatch(c.url, [], { body, headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN } });
    expect(r.status).toBe(200);
    expect(r.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(await count()).toBe(before + 1);
  });

  it('stores the valid events of a partially invalid batch and names index and field of the others', async () => {
    const before = await count();
    const good = ev({ event: 'Good', user: 'u4', at });
    const noEvent = { ...ev({ event: 'x', user: 'u4', at }), event: '' };
    const badTime = { ...ev({ event: 'y', user: 'u4', at }), timestamp: 'yesterday' };
    const r = await postBatch(c.url, [good, noEvent, badTime]);
    expect(r.status).toBe(400);
    expect(r.body.error).toBe('invalid_events');
    expect(r.body.accepted).toBe(1);
    expect(r.body.rejected).toBe(2);
    expect(r.body.message).toMatch(/2 of 3 events are invalid.*other 1 were stored/);
    expect(r.body.errors).toEqual([
      expect.objectContaining({ index: 1, field: 'event' }),
      expect.objectContaining({ index: 2, field: 'timestamp' }),
    ]);
    expect(await count()).toBe(before + 1);
  });

  it('rejects a body that is not a batch with 400', async () => {
    const r = await postBatch(c.url, [], { body: JSON.stringify({ writeKey: WRITE_KEY, batch: [] }) });
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/batch/);
    const bad = await postBatch(c.url, [], { body: '{"batch": [', headers: {} });
    expect(bad.status).toBe(400);
  });

  it('answers 401 to an unknown or missing write key, readable by an allowed page', async () => {
    const unknown = await postBatch(c.url, [ev({ event: 'A', at })], { writeKey: 'wk_nope_0000', headers: { origin: ORIGIN } });
    expect(unknown.status).toBe(401);
    // Without this header the browser would hide the 401 and the SDK would retry forever.
    expect(unknown.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const r = await postBatch(c.url, [], { body: JSON.stringify({ batch: [ev({ event: 'A', at })] }) });
    expect(r.status).toBe(401);
    expect(r.body.error).toBe('unknown_write_key');
  });

  it('takes the write key as Basic auth too (Segment HTTP API)', async () => {
    const auth = `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`;
    const r = await postBatch(c.url, [], { body: JSON.stringify({ batch: [ev({ event: 'Basic', user: 'u5', at })] }), headers: { authorization: auth } });
    expect(r.status).toBe(200);
  });

  it('answers 403 to an origin outside the write key’s allow-list and stores nothing', async () => {
    const before = await count();
    const r = await postBatch(c.url, [ev({ event: 'A', at })], { headers: { origin: 'http://127.0.0.1:6666' } });
    expect(r.status).toBe(403);
    expect(r.body.error).toBe('origin_not_allowed');
    expect(await count()).toBe(before);
  });

  it('answers 413 with a JSON error for a body over 500 KB, even when gzip makes it small', async () => {
    const big = Array.from({ length: 40 }, () => ev({ event: 'Big', user: 'u6', at, props: { pad: 'x'.repeat(14_000) } }));
    const json = JSON.stringify({ batch: big, writeKey: WRITE_KEY });
    expect(json.length).toBeGreaterThan(MAX_BATCH_BYTES);
    const plain = await postBatch(c.url, [], { body: json });
    expect(plain.status).toBe(413);
    expect(plain.body.error).toBe('payload_too_large');
    const zipped = gzipSync(json);
    expect(zipped.length).toBeLessThan(MAX_BATCH_BYTES);
    const gz = await postBatch(c.url, [], { body: zipped, headers: { 'content-encoding': 'gzip' } });
    expect(gz.status).toBe(413);
    // A gzip bomb (100 MB of zeros in 100 KB), and a compressed body over the limit itself
    // (incompressible bytes): 413 both, as JSON.
    for (const body of [gzipSync(Buffer.alloc(100_000_000)), gzipSync(randomBytes(MAX_BATCH_BYTES + 100_000))]) {
      const r = await postBatch(c.url, [], { body, headers: { 'content-encoding': 'gzip' } });
      expect(r.status).toBe(413);
      expect(r.body.error).toBe('payload_too_large');
    }
    // The collector still answers.
    expect((await postBatch(c.url, [ev({ event: 'After', user: 'u6', at })])).status).toBe(200);
  });

  it('answers 413 naming the event over 32 KB', async () => {
    const before = await count();
    const r = await postBatch(c.url, [ev({ event: 'ok', user: 'u6', at }), ev({ event: 'Huge', user: 'u6', at, props: { pad: 'x'.repeat(33_000) } })]);
    expect(r.status).toBe(413);
    expect(r.body).toMatchObject({ error: 'event_too_large', index: 1 });
    expect(await count()).toBe(before);
  });

  it('corrects clock skew the way Segment does: timestamp + (receivedAt − sentAt)', async () => {
    // The browser clock is 1 hour ahead: it stamped and sent "in the future".
    const clientNow = Date.now() + 3_600_000;
    const stamped = new Date(clientNow - 60_000).toISOString();
    const e = ev({ event: 'Skewed', user: 'u7', at: stamped });
    const t0 = Date.now();
    expect((await postBatch(c.url, [e], { sentAt: new Date(clientNow).toISOString() })).status).toBe(200);
    const [row] = await c.store.querySql(`SELECT epoch_ms(ts)::DOUBLE AS ts, epoch_ms(original_ts)::DOUBLE AS o FROM events WHERE message_id = '${e.messageId}'`);
    expect(row!.o).toBe(Date.parse(stamped));
    // Server time of the event ≈ one minute before it was received.
    expect(row!.ts as number).toBeGreaterThanOrEqual(t0 - 60_000 - 5);
    expect(row!.ts as number).toBeLessThanOrEqual(Date.now() - 60_000 + 5);
  });

  it('links an anonymous id to the user an identify() names', async () => {
    const before = ev({ event: 'Browsed', anon: 'anon-link', at });
    const identify = ev({ type: 'identify', anon: 'anon-link', user: 'u-linked', at: '2026-01-05T11:00:00Z' });
    expect((await postBatch(c.url, [before])).status).toBe(200);
    expect((await postBatch(c.url, [identify])).status).toBe(200);
    const rows = await c.store.querySql(`SELECT person_id FROM resolved_events WHERE anonymous_id = 'anon-link'`);
    expect(rows.map((r) => r.person_id)).toEqual(['u-linked', 'u-linked']);
  });
});

describe('CORS', () => {
  it('answers a preflight for JSON + gzip + custom headers from an allowed origin', async () => {
    const res = await fetch(`${c.url}/v1/batch`, {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,content-encoding,x-tenant' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    const allowed = res.headers.get('access-control-allow-headers')!.toLowerCase();
    for (const h of ['content-type', 'content-encoding', 'x-tenant']) expect(allowed).toContain(h);
    expect(res.headers.get('access-control-expose-headers')).toContain('Retry-After');
  });

  it('refuses a preflight from an origin no project allows', async () => {
    const res = await fetch(`${c.url}/v1/batch`, { method: 'OPTIONS', headers: { origin: 'http://127.0.0.1:1', 'access-control-request-method': 'POST' } });
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('GET /healthz', () => {
  it('is 200 while the database answers', async () => {
    const res = await fetch(`${c.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After per write key and IP once over the limit', async () => {
    const limited = await startTestCollector({ rateLimit: { max: 3, windowMs: 60_000 } });
    try {
      const statuses: number[] = [];
      let last;
      for (let i = 0; i < 5; i++) {
        last = await postBatch(limited.url, [ev({ event: 'R', user: 'r', at })]);
        statuses.push(last.status);
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const retryAfter = Number(last!.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(last!.body.error).toBe('rate_limited');
      expect(await limited.store.countEvents('acme')).toBe(3);
      // Unknown keys share one budget per IP: guessing is limited too.
      const guesses: number[] = [];
      for (let i = 0; i < 4; i++) guesses.push((await postBatch(limited.url, [ev({ event: 'R', at })], { writeKey: `wk_guess_${i}000` })).status);
      expect(guesses).toEqual([401, 401, 401, 429]);
    } finally {
      await limited.stop();
    }
  });
});
