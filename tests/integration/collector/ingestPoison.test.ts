// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READ_KEY, WRITE_KEY, ev, postBatch, startTestCollector, type TestCollector } from './helpers.js';

/**
 * Issue 11, break 1: one event with a lone UTF-16 surrogate (valid JSON, `"\ud800"`) made
 * the writer's `::JSON` cast fail, and group commit failed every request sharing its
 * transaction, including other projects'.
 */
const OTHER_KEY = 'wk_other_0002_public';
let c: TestCollector;
beforeAll(async () => {
  c = await startTestCollector({
    rateLimit: { max: 100_000, windowMs: 60_000 },
    projects: [
      { id: 'acme', writeKeys: [WRITE_KEY], readKeys: [READ_KEY] },
      { id: 'other', writeKeys: [OTHER_KEY], readKeys: ['rk_other_0002_secret'] },
    ],
  });
});
afterAll(() => c.stop());

const at = '2026-01-05T10:00:00.000Z';
const LONE = '\ud800';

/** A batch with a lone surrogate in every string a message can carry. */
function poisonedBatch() {
  const props = ev({ event: `Bad${LONE}`, user: `u${LONE}`, at, props: { x: `bad${LONE}`, [`k${LONE}`]: 1, nested: { list: [`\udc00tail`] } } });
  (props.context as Record<string, unknown>).locale = `en${LONE}`;
  const traits = ev({ type: 'identify', user: 'u-poison', at, traits: { name: `Zoë${LONE}`, [`\udfff`]: 'key' } });
  return [props, traits];
}

/** Whether answer `i` of the flattened sends is a poisoned batch's (the first of a pair). */
function isPoison(sends: unknown[][], i: number): boolean {
  let n = 0;
  for (const s of sends) {
    if (s.length == 2 && n == i) return true;
    n += s.length;
    if (n > i) return false;
  }
  return false;
}

describe('a lone surrogate in one request', () => {
  it('never fails the requests of another project sharing its commit', async () => {
    const valid = Array.from({ length: 200 }, (_, i) => [ev({ event: 'Valid', user: `v${i}`, at })]);
    // Poisoned batches interleaved with the valid ones, so they share group commits.
    const sends = valid.map((b, i) => (i % 20 == 10 ? [postBatch(c.url, poisonedBatch()), postBatch(c.url, b, { writeKey: OTHER_KEY })] : [postBatch(c.url, b, { writeKey: OTHER_KEY })]));
    const answers = await Promise.all(sends.flat());
    const poisons = answers.filter((_, i) => sends.flat().length != 0 && isPoison(sends, i));
    const validAnswers = answers.filter((_, i) => !isPoison(sends, i));
    expect(validAnswers.map((a) => a.status)).toEqual(valid.map(() => 200));
    const ids = valid.flat().map((e) => `'${e.messageId}'`).join(',');
    const [row] = await c.store.querySql(`SELECT count(*)::INT AS n, count(DISTINCT message_id)::INT AS d FROM events WHERE project_id = 'other' AND message_id IN (${ids})`);
    expect(row).toEqual({ n: 200, d: 200 });
    // Settled at ingest: the poisoned batches are stored too, with U+FFFD in place of each lone half.
    expect(poisons.map((p) => [p.status, p.body.accepted])).toEqual(poisons.map(() => [200, 2]));
  });

  it('stores U+FFFD in place of lone surrogates in values, keys, names and context', async () => {
    const batch = poisonedBatch();
    expect((await postBatch(c.url, batch)).status).toBe(200);
    const [track] = await c.store.querySql(
      `SELECT event, user_id, properties::VARCHAR AS p, context->>'locale' AS locale FROM events WHERE message_id = '${batch[0]!.messageId}'`,
    );
    expect(track!.event).toBe('Bad\ufffd');
    expect(track!.user_id).toBe('u\ufffd');
    expect(track!.locale).toBe('en\ufffd');
    expect(JSON.parse(track!.p as string)).toEqual({ x: 'bad\ufffd', 'k\ufffd': 1, nested: { list: ['\ufffdtail'] } });
    const [identify] = await c.store.querySql(`SELECT traits::VARCHAR AS t FROM events WHERE message_id = '${batch[1]!.messageId}'`);
    expect(JSON.parse(identify!.t as string)).toEqual({ name: 'Zoë\ufffd', '\ufffd': 'key' });
  });

  it('keeps a well-formed surrogate pair (emoji) as it is', async () => {
    const e = ev({ event: 'Emoji', user: 'u-emoji', at, props: { face: '😀', '🔑': '𝄞' } });
    expect((await postBatch(c.url, [e])).status).toBe(200);
    const [row] = await c.store.querySql(`SELECT properties::VARCHAR AS p FROM events WHERE message_id = '${e.messageId}'`);
    expect(JSON.parse(row!.p as string)).toEqual({ face: '😀', '🔑': '𝄞' });
  });
});
