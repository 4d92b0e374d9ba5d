// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { toWellFormed } from '../../../packages/collector/src/ingest/normalizeTree.js';
import { READ_KEY, WRITE_KEY, ev, startTestCollector, type TestCollector } from './helpers.js';
import { Raw, anyEvent, anyValue, deepRaw, fuzzParams, fuzzTimeout, isoTime, toJsonText, weirdString } from './fuzzArbitraries.js';

/**
 * Issue 11, "the class, not only the cases": whatever a write key sends, the collector
 * answers 2xx or 4xx, never 5xx, and a valid request of another project sent at the same
 * moment is answered as it would be alone, its events stored once. `npm run fuzz` runs
 * the same properties longer (SABU_FUZZ_RUNS).
 */
const OTHER_KEY = 'wk_other_0003_public';
let c: TestCollector;
beforeAll(async () => {
  c = await startTestCollector({
    rateLimit: { max: 1_000_000, windowMs: 60_000 },
    // In memory: commits without fsync, so runs are fast; durability is tested elsewhere.
    database: ':memory:',
    projects: [
      { id: 'acme', writeKeys: [WRITE_KEY], readKeys: [READ_KEY] },
      { id: 'other', writeKeys: [OTHER_KEY], readKeys: ['rk_other_0003_secret'] },
    ],
  });
});
afterAll(() => c.stop());

const at = '2026-01-05T10:00:00.000Z';

interface Sent {
  body: BodyInit;
  headers?: Record<string, string>;
}

async function send(s: Sent) {
  const res = await fetch(`${c.url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/json', ...s.headers }, body: s.body });
  const text = await res.text();
  return { status: res.status, text };
}

/** A valid batch of `n` events of the other project; its answer alone is known: 200, all accepted. */
function validBatch(n: number) {
  const events = Array.from({ length: n }, (_, i) => ev({ event: 'Valid', user: `v${i}`, at, props: { i } }));
  return { events, sent: { body: JSON.stringify({ writeKey: OTHER_KEY, batch: events }) } };
}

/**
 * Sends the hostile request between valid ones, so they share group commits, and checks
 * the property: no 5xx, and every valid request answered as alone with its events stored once.
 */
async function sendBeside(hostile: Sent) {
  const valid = [validBatch(1), validBatch(5), validBatch(20)];
  const [a, h, b, d] = await Promise.all([send(valid[0]!.sent), send(hostile), send(valid[1]!.sent), send(valid[2]!.sent)]);
  expect(h.status, h.text).toBeLessThan(500);
  expect(h.status).toBeGreaterThanOrEqual(200);
  for (const [i, r] of [a!, b!, d!].entries()) {
    expect(r.status, r.text).toBe(200);
    expect(JSON.parse(r.text)).toEqual({ success: true, accepted: valid[i]!.events.length });
  }
  const ids = valid.flatMap((v) => v.events.map((e) => `'${e.messageId}'`)).join(',');
  const [row] = await c.store.querySql(`SELECT count(*)::INT AS n, count(DISTINCT message_id)::INT AS d FROM events WHERE project_id = 'other' AND message_id IN (${ids})`);
  expect(row).toEqual({ n: 26, d: 26 });
  return h;
}

/** Events a real page could send, with hostile strings and values where the schema allows anything. */
const plausibleEvent = fc
  .record({
    type: fc.constantFrom('track', 'identify', 'group', 'page'),
    name: weirdString,
    user: weirdString,
    props: fc.dictionary(weirdString, anyValue, { maxKeys: 6 }),
    locale: weirdString,
    time: isoTime,
  })
  .map(({ type, name, user, props, locale, time }) => {
    const e = ev({ type, event: name || 'E', user: user || undefined, group: name || 'g', at: time, ...(type == 'track' || type == 'page' ? { props } : { traits: props }) });
    (e.context as Record<string, unknown>).locale = locale;
    return e;
  });

describe('ingest fuzz', () => {
  it(
    'answers any JSON body, in any accepted encoding and type, with 2xx or 4xx',
    async () => {
      const body = fc.oneof(
        anyValue.map(toJsonText),
        fc.record({ writeKey: fc.oneof(fc.constant(WRITE_KEY), weirdString), batch: anyValue, sentAt: anyValue }, { requiredKeys: [] }).map(toJsonText),
        // Not JSON at all, or JSON cut short.
        weirdString,
        anyValue.map((v) => toJsonText(v).slice(0, -1)),
      );
      const how = fc.constantFrom<Record<string, string>>({}, { 'content-type': 'text/plain;charset=UTF-8' }, { 'content-encoding': 'gzip' }, { 'content-type': 'application/x-www-form-urlencoded' });
      // Bytes that claim a compression they do not have, or have it cut short.
      const badlyEncoded = fc.tuple(fc.constantFrom('gzip', 'deflate', 'br', 'x-gzip'), fc.oneof(fc.uint8Array({ maxLength: 200 }), body.map((t) => gzipSync(t).subarray(0, 12))));
      await fc.assert(
        fc.asyncProperty(body, how, fc.option(badlyEncoded, { freq: 5 }), async (text, headers, bad) => {
          if (bad) {
            // A few random bytes may decode to nothing at all (then no write key: 401): any 4xx.
            const h = await sendBeside({ body: bad[1], headers: { 'content-encoding': bad[0] } });
            expect(h.status).toBeGreaterThanOrEqual(400);
            return;
          }
          await sendBeside({ body: headers['content-encoding'] ? gzipSync(text) : text, headers });
        }),
        fuzzParams(60, 11),
      );
    },
    fuzzTimeout(60),
  );

  it(
    'answers any batch of arbitrary events with 2xx or 4xx, storing what it acknowledges',
    async () => {
      // Half of the batches hold only events a page could send (the hostile part is in the
      // values), so they are accepted and reach the writer; the others mix in anything.
      const batch = fc.oneof(
        fc.array(plausibleEvent, { minLength: 1, maxLength: 20 }),
        fc.array(fc.oneof(anyEvent, plausibleEvent, deepRaw), { minLength: 1, maxLength: 20 }),
      );
      const sentAt = fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 3, arbitrary: isoTime }, { weight: 1, arbitrary: anyValue });
      await fc.assert(
        fc.asyncProperty(batch, sentAt, async (events, sentAt) => {
          const h = await sendBeside({ body: toJsonText({ writeKey: WRITE_KEY, batch: events, ...(sentAt === undefined ? {} : { sentAt }) }) });
          if (h.status != 200) return;
          // Acknowledged means stored: each message id, as settled at ingest, is in the database.
          const ids = [...new Set(events.map((e) => toWellFormed((e as { messageId: string }).messageId)))];
          // Ids as hex, so no character of theirs can upset the SQL text.
          const list = ids.map((i) => `decode(from_hex('${Buffer.from(i).toString('hex')}'))`).join(',');
          const rows = await c.store.querySql(`SELECT count(*)::INT AS n FROM events WHERE project_id = 'acme' AND message_id IN (${list})`);
          expect(rows[0]!.n).toBe(ids.length);
        }),
        fuzzParams(60, 12),
      );
    },
    fuzzTimeout(60),
  );

  it('was able to store events with lone surrogates and raw numbers (the generators reach the writer)', async () => {
    const e = ev({ event: 'Raw\ud800', user: `u-${randomUUID()}`, at, props: { n: '@' } });
    const text = toJsonText({ writeKey: WRITE_KEY, batch: [{ ...e, properties: { big: new Raw('1e400'), long: new Raw('123456789012345678901234567890'), s: '\udc00' } }] });
    const h = await sendBeside({ body: text });
    expect(h.status).toBe(200);
    const [row] = await c.store.querySql(`SELECT properties::VARCHAR AS p FROM events WHERE message_id = '${e.messageId}'`);
    expect(JSON.parse(row!.p as string)).toEqual({ big: null, long: 123456789012345680000000000000, s: '\ufffd' });
  });
});
