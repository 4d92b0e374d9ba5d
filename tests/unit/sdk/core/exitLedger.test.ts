import { describe, expect, it, vi } from 'vitest';
import { ASK_ALONE_AFTER_MS, EXIT_SENT_KEY } from '../../../../packages/sdk/src/core/exitLedger';
import type { DeliveryResult } from '../../../../packages/sdk/src/core/platform';
import { createMemoryStore, type QueueStore } from '../../../../packages/sdk/src/core/store';
import { fakePlatform, startClient as start, useFakeClock } from '../fakePlatform';

/**
 * Issue 19: a reload whose exit request's answer came too late for the old page. The old
 * page marked what its exit request carried; the next page asks the collector whether it
 * stored that request, and sends the records again unless the collector says it did.
 */
useFakeClock(Date.parse('2026-03-02T10:00:00Z'));
const lazy = { batchSize: 500, flushInterval: 5000 };
type Fake = ReturnType<typeof fakePlatform>;

const marks = (f: Fake) => [...f.kv.keys()].filter((k) => k.startsWith(EXIT_SENT_KEY));
const body = (f: Fake, i: number) => JSON.parse(f.sent[i]!.body);
const stored = (...ids: string[]): DeliveryResult => ({ status: 200, body: JSON.stringify({ success: true, accepted: 1, exitStored: ids }) });

/** A page tracks A and B, then leaves; its exit request's answer never reaches it. Returns the exit request's id. */
async function leaveUnanswered(extra: Record<string, unknown> = {}, store: QueueStore | null = createMemoryStore()) {
  const fake = fakePlatform({ store });
  // The page is gone after its exit: its flush timer never fires (the fake page lives on).
  const c = start(fake, { ...lazy, flushInterval: 600_000, ...extra });
  c.track('A');
  c.track('B');
  await vi.advanceTimersByTimeAsync(0); // persisted
  fake.reply(new Promise(() => {})); // the reloaded page commits before the answer comes
  fake.emit('exit');
  return { fake, store, id: fake.sent.length ? (body(fake, 0).exitId as string) : '' };
}

/** The next page load: the same localStorage and store. */
function reload(before: Fake, store: QueueStore | null, extra: Record<string, unknown> = {}) {
  const next = fakePlatform({ store });
  for (let i = 0; i < 1000; i++) next.platform.uuid(); // another page id (record keys end with it)
  for (const [k, v] of before.kv) next.kv.set(k, v);
  return { next, c: start(next, { ...lazy, ...extra }) };
}

describe('the exit request', () => {
  it('is named, and what it carries is marked in localStorage before it is sent', async () => {
    const fake = fakePlatform();
    const c = start(fake, lazy);
    c.track('A');
    await vi.advanceTimersByTimeAsync(0);
    let markedAtSend: string[] = [];
    const send = fake.platform.send;
    fake.platform.send = (req) => ((markedAtSend = marks(fake)), send(req));
    fake.reply(new Promise(() => {}));
    fake.emit('exit');
    const { exitId } = body(fake, 0);
    expect(exitId).toMatch(/^[\w-]{1,64}$/);
    // Its time first: the next page tells how old its doubt is.
    expect(parseInt(/^t([0-9a-z]+)-/.exec(exitId)![1]!, 36)).toBe(Date.now());
    expect(markedAtSend).toEqual([EXIT_SENT_KEY + 'wk.' + exitId]);
    const keys = JSON.parse(fake.kv.get(markedAtSend[0]!)!);
    expect(keys).toEqual((await fake.store!.head(10)).map((r) => r.k));
    expect(fake.sent[0]!.read).toBeFalsy(); // an exit request's body is never read
  });

  it('clears its mark when an answer comes, whatever it says; keeps it when none comes', async () => {
    for (const [answer, kept] of [
      [{ status: 200 }, false],
      [{ status: 503 }, false],
      [{ status: 0 }, true],
    ] as const) {
      const fake = fakePlatform();
      start(fake, lazy).track('A');
      await vi.advanceTimersByTimeAsync(0);
      fake.reply(answer);
      fake.emit('exit');
      await vi.advanceTimersByTimeAsync(0);
      expect(marks(fake).length > 0).toBe(kept);
    }
  });

  it('other formats carry no id and leave no mark (nothing could be asked)', async () => {
    const fake = fakePlatform();
    start(fake, { ...lazy, format: (m: unknown[]) => ({ events: m }) }).track('A');
    await vi.advanceTimersByTimeAsync(0);
    fake.reply(new Promise(() => {}));
    fake.emit('exit');
    expect(fake.sent[0]!.body).not.toContain('exitId');
    expect(marks(fake)).toEqual([]);
  });
});

describe('a reload whose exit answer was lost', () => {
  it('does not send the records again when the collector says it stored that exit request (the question rides on the first batch)', async () => {
    const { fake, store, id } = await leaveUnanswered();
    const { next, c } = reload(fake, store);
    next.reply(stored(id));
    await vi.advanceTimersByTimeAsync(0);
    expect(next.sent).toHaveLength(0); // held back: the question waits for a request that goes anyway
    c.track('C');
    await vi.advanceTimersByTimeAsync(lazy.flushInterval);
    await vi.advanceTimersByTimeAsync(lazy.flushInterval);
    expect(next.batches()).toEqual([['C']]);
    expect(body(next, 0).exitAsk).toEqual([id]);
    expect(next.sent[0]!.read).toBe(true);
    expect(await store!.head(10)).toEqual([]);
    expect(marks(next)).toEqual([]);
  });

  it('asks alone, once, only when the page sent nothing else for ASK_ALONE_AFTER_MS since the exit', async () => {
    const { fake, store, id } = await leaveUnanswered();
    await vi.advanceTimersByTimeAsync(2000); // the reload
    const { next } = reload(fake, store);
    next.reply(stored(id));
    await vi.advanceTimersByTimeAsync(ASK_ALONE_AFTER_MS - 2001);
    expect(next.sent).toHaveLength(0); // a quiet page after a reload makes no request of its own
    await vi.advanceTimersByTimeAsync(1);
    expect(next.batches()).toEqual([[]]);
    expect(body(next, 0).exitAsk).toEqual([id]);
    await vi.advanceTimersByTimeAsync(10 * lazy.flushInterval);
    expect(next.sent).toHaveLength(1);
    expect(await store!.head(10)).toEqual([]);
    expect(marks(next)).toEqual([]);
  });

  it("the host's flush() asks at once, with nothing else to send", async () => {
    const { fake, store, id } = await leaveUnanswered();
    const { next, c } = reload(fake, store);
    next.reply(stored(id));
    await vi.advanceTimersByTimeAsync(1000);
    expect(next.sent).toHaveLength(0);
    await c.flush();
    expect(next.batches()).toEqual([[]]);
    expect(body(next, 0).exitAsk).toEqual([id]);
    expect(await store!.head(10)).toEqual([]);
  });

  it('a page that leaves before then leaves the question to the next page, which asks on its first batch', async () => {
    const { fake, store, id } = await leaveUnanswered();
    const { next: second } = reload(fake, store);
    await vi.advanceTimersByTimeAsync(60_000);
    second.emit('exit'); // nothing of its own to send: no request
    expect(second.sent).toHaveLength(0);
    expect(marks(second)).toHaveLength(1);
    const { next: third, c } = reload(second, store);
    third.reply(stored(id));
    c.track('C');
    await vi.advanceTimersByTimeAsync(lazy.flushInterval);
    expect(third.batches()).toEqual([['C']]);
    expect(body(third, 0).exitAsk).toEqual([id]);
    expect(await store!.head(10)).toEqual([]);
  });

  it('a doubt already that old at start asks alone after flushInterval; so does an id with no time (an older version) or a time to come (a clock set back)', async () => {
    for (const kind of ['late', 'no time', 'future']) {
      const { fake, store, id } = await leaveUnanswered();
      let asked = id;
      if (kind == 'late') await vi.advanceTimersByTimeAsync(ASK_ALONE_AFTER_MS);
      else {
        const mark = marks(fake)[0]!;
        asked = kind == 'no time' ? '0f3c2a1e-5b6d-4c7e-8f90-a1b2c3d4e5f6' : `t${(Date.now() + 86_400_000).toString(36)}-0f3c2a1e-5b6d-4c7e-8f90-a1b2c3d4e5f6`;
        fake.kv.set(EXIT_SENT_KEY + 'wk.' + asked, fake.kv.get(mark)!);
        fake.kv.delete(mark);
      }
      const { next } = reload(fake, store);
      next.reply(stored(asked));
      await vi.advanceTimersByTimeAsync(lazy.flushInterval - 1);
      expect(next.sent).toHaveLength(0);
      await vi.advanceTimersByTimeAsync(1);
      expect(next.batches()).toEqual([[]]);
      expect(body(next, 0).exitAsk).toEqual([asked]);
      expect(await store!.head(10)).toEqual([]);
    }
  });

  it('rides on the first batch of records an earlier page left, sent at start', async () => {
    const { fake, store, id } = await leaveUnanswered();
    await store!.put([{ k: '0', s: JSON.stringify({ type: 'track', event: 'Older', messageId: 'o1' }) }], 100);
    const { next } = reload(fake, store);
    next.reply(stored(id));
    await vi.advanceTimersByTimeAsync(0);
    expect(next.batches()).toEqual([['Older']]);
    expect(body(next, 0).exitAsk).toEqual([id]);
  });

  for (const [name, answer] of [
    ['not stored (a restarted collector)', stored()],
    ['stored, but another request', stored('11111111-0000-4000-8000-000000000000')],
    ['no answer in the body (a collector that ignores the field)', { status: 200, body: '{"success":true}' }],
    ['an answer it cannot read', { status: 200, body: '{"exitStored":"yes"' }],
    ['an unknown answer', { status: 200, body: '{"exitStored":{"all":true}}' }],
    ['an error', { status: 503 }],
    ['a network failure', { status: 0 }],
  ] as const) {
    it(`sends the records again when the answer is ${name}, and asks once`, async () => {
      const { fake, store } = await leaveUnanswered();
      const { next } = reload(fake, store);
      next.reply(answer);
      await vi.advanceTimersByTimeAsync(ASK_ALONE_AFTER_MS);
      await vi.advanceTimersByTimeAsync(60_000); // a retry after a failure
      expect(next.batches().flat()).toEqual(['A', 'B']);
      expect(next.sent.filter((s) => s.body.includes('exitAsk'))).toHaveLength(1);
      expect(await store!.head(10)).toEqual([]);
      expect(marks(next)).toEqual([]);
    });
  }

  it('without a durable store (the records come back from the spill): not sent again when stored', async () => {
    const { fake, id } = await leaveUnanswered({}, null);
    const { next } = reload(fake, null);
    next.reply(stored(id));
    await vi.advanceTimersByTimeAsync(ASK_ALONE_AFTER_MS);
    await vi.advanceTimersByTimeAsync(lazy.flushInterval);
    expect(next.batches()).toEqual([[]]);
    expect(next.sent.length).toBe(1);
  });

  it('a mark it cannot read, or a format that cannot ask: sends at once, and removes the mark', async () => {
    for (const [name, extra, mark] of [
      ['bad id', {}, (kv: Map<string, string>, k: string) => (kv.set(EXIT_SENT_KEY + 'wk.bad id!', kv.get(k)!), kv.delete(k))],
      ['bad JSON', {}, (kv: Map<string, string>, k: string) => kv.set(k, '[')],
      ['other format', { format: (m: unknown[]) => ({ batch: m }) }, () => {}],
    ] as const) {
      const { fake, store } = await leaveUnanswered();
      mark(fake.kv, marks(fake)[0]!);
      const { next } = reload(fake, store, extra);
      await vi.advanceTimersByTimeAsync(0);
      expect(next.batches(), name).toEqual([['A', 'B']]);
      expect(marks(next), name).toEqual([]);
    }
  });

  it('the exit request answered before the page went (the mark cleared): nothing is asked', async () => {
    const fake = fakePlatform();
    start(fake, { ...lazy, flushInterval: 600_000 }).track('A');
    await vi.advanceTimersByTimeAsync(0);
    fake.emit('exit');
    await vi.advanceTimersByTimeAsync(0);
    const { next, c } = reload(fake, fake.store);
    c.track('C');
    await vi.advanceTimersByTimeAsync(lazy.flushInterval);
    expect(next.batches()).toEqual([['C']]);
    expect(next.sent[0]!.body).not.toContain('exitAsk');
    expect(next.sent[0]!.read).toBeFalsy();
  });

  it('opting out forgets the marks with the records: nothing is asked, nothing sent', async () => {
    const { fake, store } = await leaveUnanswered();
    const { next, c } = reload(fake, store);
    await vi.advanceTimersByTimeAsync(0);
    c.optOut();
    await vi.advanceTimersByTimeAsync(0);
    expect(marks(next)).toEqual([]);
    c.optIn();
    await vi.advanceTimersByTimeAsync(ASK_ALONE_AFTER_MS + lazy.flushInterval);
    expect(next.sent).toEqual([]);
  });
});
