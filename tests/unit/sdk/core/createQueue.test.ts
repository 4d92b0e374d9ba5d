import { describe, expect, it, vi } from 'vitest';
import { EXIT_ACKED_KEY, EXIT_QUOTA_BYTES, MAX_BATCH_EVENTS, STORAGE_TIMEOUT_MS, UNREACHABLE_AFTER } from '../../../../packages/sdk/src/core/createQueue';
import { createMemoryStore, type QueueStore } from '../../../../packages/sdk/src/core/store';
import { ASK_ALONE_AFTER_MS } from '../../../../packages/sdk/src/core/exitLedger';
import { fakePlatform, startClient, useFakeClock } from '../fakePlatform';

const NOW = Date.parse('2026-03-02T10:00:00Z');
const start = startClient;

useFakeClock(NOW);

describe('batching', () => {
  it('does not send right away, then sends after flushInterval', async () => {
    const fake = fakePlatform();
    const c = start(fake);
    c.track('A');
    c.track('B');
    await vi.advanceTimersByTimeAsync(4999);
    expect(fake.sent).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.batches()).toEqual([['A', 'B']]);
  });

  it('sends as soon as batchSize events are stored, everything waiting in one request, in order', async () => {
    const fake = fakePlatform();
    const c = start(fake, { batchSize: 3 });
    c.track('A');
    c.track('B');
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.sent).toHaveLength(0);
    for (const e of ['C', 'D']) c.track(e);
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.batches()).toEqual([['A', 'B', 'C', 'D']]);
  });

  it('sends a burst in requests of at most MAX_BATCH_EVENTS', async () => {
    const fake = fakePlatform();
    const c = start(fake);
    for (let i = 0; i < 1000; i++) c.track('Burst', { i });
    await vi.advanceTimersByTimeAsync(0);
    await c.flush();
    expect(fake.sent.map((s) => s.messages.length)).toEqual([MAX_BATCH_EVENTS, 1000 - MAX_BATCH_EVENTS]);
    expect(fake.sent.flatMap((s) => s.messages.map((m: any) => m.properties.i))).toEqual([...Array(1000).keys()]);
  });

  it('splits a request that would pass 500 KB', async () => {
    const fake = fakePlatform();
    const c = start(fake);
    for (let i = 0; i < 40; i++) c.track('Large', { blob: 'x'.repeat(20_000) });
    await c.flush();
    for (const s of fake.sent) expect(s.body.length).toBeLessThanOrEqual(500 * 1024);
    expect(fake.sent.flatMap((s) => s.messages)).toHaveLength(40);
  });

  it('persists before sending: nothing is sent until the store confirms the write', async () => {
    const inner = createMemoryStore();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const store: QueueStore = { ...inner, put: (recs, max) => gate.then(() => inner.put(recs, max)) };
    const fake = fakePlatform({ store });
    const c = start(fake, { batchSize: 1 });
    c.track('A');
    const flushed = c.flush();
    await vi.advanceTimersByTimeAsync(STORAGE_TIMEOUT_MS - 1);
    expect(fake.sent).toHaveLength(0);
    release();
    await flushed;
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.batches()).toEqual([['A']]);
    expect(c.status().storage).toBe('indexeddb');
  });

  it('falls back to memory when the store never answers, and still delivers', async () => {
    const store: QueueStore = { ...createMemoryStore(), put: () => new Promise(() => {}) };
    const fake = fakePlatform({ store });
    const c = start(fake, { batchSize: 1 });
    c.track('A');
    await vi.advanceTimersByTimeAsync(STORAGE_TIMEOUT_MS);
    await c.flush();
    expect(fake.batches()).toEqual([['A']]);
    expect(c.status().storage).toBe('memory');
  });

  it('leaves no timer behind once everything is delivered (no storage timeout, no flush timer)', async () => {
    const fake = fakePlatform();
    const c = start(fake, { batchSize: 500, flushInterval: 600_000 });
    for (let i = 0; i < 3; i++) c.track('A');
    await c.flush();
    await vi.advanceTimersByTimeAsync(1000); // the session's save, the idle read of the stored state
    expect(fake.sent).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('removes events only after a 2xx', async () => {
    const fake = fakePlatform();
    const c = start(fake);
    c.track('A');
    fake.reply({ status: 500 });
    await c.flush();
    expect((await fake.store!.head(10)).length).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect((await fake.store!.head(10)).length).toBe(0);
    expect(c.status().sent).toBe(1);
  });

  it('sends events an earlier page load left in the store, at start', async () => {
    const store = createMemoryStore();
    await store.put([{ k: '0001', s: JSON.stringify({ type: 'track', event: 'Left Over', messageId: 'm1' }) }], 100);
    const fake = fakePlatform({ store });
    start(fake);
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.batches()).toEqual([['Left Over']]);
  });
});

describe('requests', () => {
  it('adds configured headers and asks for gzip only over 1 KB, unless compression is off', async () => {
    const fake = fakePlatform();
    const c = start(fake, { headers: { Authorization: 'Bearer t' } });
    c.track('Small');
    await c.flush();
    for (let i = 0; i < 10; i++) c.track('Bigger', { text: 'lorem ipsum '.repeat(10) });
    await c.flush();
    expect(fake.sent.map((s) => [s.headers, s.compress])).toEqual([
      [{ Authorization: 'Bearer t' }, false],
      [{ Authorization: 'Bearer t' }, true],
    ]);
    const off = fakePlatform();
    const c2 = start(off, { compression: false });
    for (let i = 0; i < 10; i++) c2.track('Bigger', { text: 'lorem ipsum '.repeat(10) });
    await c2.flush();
    expect(off.sent[0]!.compress).toBe(false);
  });
});

describe('retries', () => {
  it('backs off exponentially on 503 and network errors, one attempt at a time', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(1);
    const fake = fakePlatform();
    const c = start(fake);
    fake.reply({ status: 503 }, { status: 0 }, { status: 503 });
    c.track('A');
    await c.flush();
    await Promise.all([c.flush(), c.flush(), c.flush()]); // no storm: backing off
    expect(fake.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(fake.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(2000);
    expect(fake.sent).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(4000);
    expect(fake.sent).toHaveLength(4);
    expect(fake.batches().flat()).toEqual(['A', 'A', 'A', 'A']);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fake.sent).toHaveLength(4); // delivered: no more requests
  });

  it('honours Retry-After on 429', async () => {
    const fake = fakePlatform();
    const c = start(fake);
    fake.reply({ status: 429, retryAfter: '7' });
    c.track('A');
    await c.flush();
    await vi.advanceTimersByTimeAsync(6999);
    expect(fake.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.sent).toHaveLength(2);
  });

  it('keeps one flush in flight at a time', async () => {
    const fake = fakePlatform();
    const c = start(fake);
    let answer!: (r: { status: number }) => void;
    fake.reply(new Promise((r) => (answer = r)));
    c.track('A');
    const first = c.flush();
    await vi.advanceTimersByTimeAsync(0);
    c.track('B');
    const second = c.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.sent).toHaveLength(1); // no second request while the first is in flight
    answer({ status: 200 });
    await first;
    // The second flush resolves once it sent what was accepted after the first had looked.
    await second;
    expect(fake.batches()).toEqual([['A'], ['B']]);
  });

  it('keeps the flush timer working when it fires during a slow send', async () => {
    const fake = fakePlatform();
    const c = start(fake);
    let answer!: (r: { status: number }) => void;
    fake.reply(new Promise((r) => (answer = r)));
    c.track('A');
    void c.flush();
    await vi.advanceTimersByTimeAsync(0);
    c.track('B'); // stored while A is in flight: its timer fires during the send
    await vi.advanceTimersByTimeAsync(6000);
    answer({ status: 200 });
    await vi.advanceTimersByTimeAsync(0);
    c.track('C');
    await vi.advanceTimersByTimeAsync(5000);
    expect(fake.batches().flat()).toEqual(['A', 'B', 'C']);
  });

  it('sends what was stored while a drain was finishing, without waiting for another trigger', async () => {
    // The drain's last read (the one that finds the store empty) is slow, as IndexedDB's
    // can be; C and D are stored meanwhile and reach batchSize while the drain is busy.
    const inner = createMemoryStore();
    let reads = 0;
    let release!: () => void;
    const store: QueueStore = {
      ...inner,
      head(n) {
        const snapshot = inner.head(n);
        return ++reads == 2 ? new Promise((r) => (release = () => r(snapshot))) : snapshot;
      },
    };
    const fake = fakePlatform({ store });
    const c = start(fake, { batchSize: 2, flushInterval: 60_000 });
    await vi.advanceTimersByTimeAsync(0); // the start-up read
    reads = 0;
    c.track('A');
    c.track('B');
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.batches()).toEqual([['A', 'B']]);
    c.track('C');
    c.track('D');
    await vi.advanceTimersByTimeAsync(0);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.batches()).toEqual([['A', 'B'], ['C', 'D']]);
  });

  it('retries at once when the browser comes back online', async () => {
    const fake = fakePlatform();
    const c = start(fake);
    fake.reply({ status: 0 });
    c.track('A');
    await c.flush();
    fake.emit('online');
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.batches()).toEqual([['A'], ['A']]);
  });

  it('halves a batch on 413 until it fits, and drops a single event still refused', async () => {
    const fake = fakePlatform();
    const c = start(fake);
    fake.reply({ status: 413 }, { status: 413 }, { status: 200 }, { status: 413 }, { status: 200 });
    for (const e of ['A', 'B', 'C', 'D']) c.track(e);
    await c.flush();
    // ABCD → AB (413 again) → A ok, B alone still 413: dropped → CD ok.
    expect(fake.batches()).toEqual([['A', 'B', 'C', 'D'], ['A', 'B'], ['A'], ['B'], ['C', 'D']]);
    expect(c.status().dropped.rejected).toBe(1);
    expect(c.status().sent).toBe(3);
  });

  it('drops a batch refused with 400 or 422 once, logs once, and goes on', async () => {
    const fake = fakePlatform();
    const c = start(fake);
    fake.reply({ status: 400 }, { status: 422 });
    c.track('A');
    await c.flush();
    c.track('B');
    await c.flush();
    c.track('C');
    await c.flush();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fake.batches()).toEqual([['A'], ['B'], ['C']]);
    expect(c.status().dropped.rejected).toBe(2);
    expect(console.warn).toHaveBeenCalledWith(expect.stringContaining('refused 1 event(s) with HTTP 400'));
  });

  it('waits while another tab holds the send lock', async () => {
    const fake = fakePlatform({ locked: true });
    const c = start(fake);
    c.track('A');
    await c.flush();
    expect(fake.sent).toHaveLength(0);
  });
});

describe('queue bound', () => {
  it('drops the oldest past maxQueueSize, counts them, and warns once', async () => {
    const fake = fakePlatform({ store: null });
    const c = start(fake, { maxQueueSize: 3, consent: 'pending' });
    for (const e of ['A', 'B', 'C', 'D', 'E']) c.track(e);
    expect(c.status().dropped.overflow).toBe(2);
    expect(c.status().queued).toBe(3);
    c.consent(true);
    await vi.advanceTimersByTimeAsync(0);
    await c.flush();
    expect(fake.batches()).toEqual([['C', 'D', 'E']]);
    expect(vi.mocked(console.warn).mock.calls.filter((a) => String(a[0]).includes('dropping the oldest'))).toHaveLength(1);
  });

  it('bounds the durable store too', async () => {
    const store = createMemoryStore();
    const fake = fakePlatform({ store });
    const c = start(fake, { maxQueueSize: 2, consent: 'pending' });
    for (const e of ['A', 'B', 'C']) c.track(e);
    await vi.advanceTimersByTimeAsync(0);
    expect((await store.head(10)).map((r) => JSON.parse(r.s).event)).toEqual(['B', 'C']);
    expect(c.status().dropped.overflow).toBe(1);
  });
});

describe('page exit', () => {
  it('sends every unacknowledged event at once with keepalive, without compression', async () => {
    const fake = fakePlatform();
    const c = start(fake);
    c.track('A');
    c.track('B');
    fake.emit('exit');
    expect(fake.sent).toHaveLength(1);
    expect(fake.sent[0]).toMatchObject({ exit: true });
    expect(fake.sent[0]!.compress).toBeFalsy();
    expect(fake.batches()).toEqual([['A', 'B']]);
  });

  it('does not send the same events twice for pagehide after visibilitychange, but again after the tab was visible', async () => {
    const fake = fakePlatform();
    const c = start(fake);
    fake.reply({ status: 0 }, { status: 0 });
    c.track('A');
    fake.emit('exit');
    fake.emit('exit');
    expect(fake.sent).toHaveLength(1);
    fake.emit('visible');
    fake.emit('exit');
    expect(fake.sent).toHaveLength(2);
  });

  it('fills the keepalive quota in order, counting UTF-8 bytes, and leaves the rest stored for later', async () => {
    const fake = fakePlatform();
    const c = start(fake);
    // 10,000 Japanese characters are 10,000 UTF-16 units but 30,000 bytes on the wire.
    for (let i = 0; i < 4; i++) c.track('Note ' + i, { text: 'あ'.repeat(10_000) });
    fake.reply(new Promise(() => {})); // the exit request stays in flight
    fake.emit('exit');
    expect(fake.batches()).toEqual([['Note 0', 'Note 1']]);
    expect(new Blob([fake.sent[0]!.body]).size).toBeLessThanOrEqual(EXIT_QUOTA_BYTES);
    // A second exit (pagehide after visibilitychange) finds the quota used by the first request.
    fake.emit('visible');
    fake.emit('exit');
    expect(fake.sent).toHaveLength(1);
    // The page lived on: the rest goes with the next normal send.
    await c.flush();
    expect(fake.batches()[1]).toEqual(['Note 0', 'Note 1', 'Note 2', 'Note 3']);
  });

  it('uses the quota again once the earlier exit request was answered', async () => {
    const fake = fakePlatform();
    const c = start(fake, { batchSize: 500, flushInterval: 600_000 });
    for (let i = 0; i < 8; i++) c.track('Big ' + i, { blob: 'x'.repeat(20_000) });
    fake.emit('exit');
    expect(fake.batches()).toEqual([['Big 0', 'Big 1', 'Big 2']]);
    await vi.advanceTimersByTimeAsync(0); // answered 200: acknowledged, quota free
    fake.emit('exit');
    expect(fake.batches()[1]).toEqual(['Big 3', 'Big 4', 'Big 5']);
    for (const s of fake.sent) expect(new Blob([s.body]).size).toBeLessThanOrEqual(EXIT_QUOTA_BYTES);
    expect(c.status().sent).toBe(3);
  });

  it('listens for the page leaving (beforeunload) only while events wait, and sends them then', async () => {
    const fake = fakePlatform();
    const c = start(fake, { batchSize: 500, flushInterval: 600_000 });
    expect(fake.listeners('leave')).toBe(0);
    c.track('A');
    c.track('B');
    expect(fake.listeners('leave')).toBe(1);
    fake.emit('leave');
    expect(fake.batches()).toEqual([['A', 'B']]);
    expect(fake.sent[0]).toMatchObject({ exit: true });
    await vi.advanceTimersByTimeAsync(0); // answered: nothing waits any more
    expect(fake.listeners('leave')).toBe(0);
  });

  it('sends nothing at exit without consent', async () => {
    const fake = fakePlatform();
    const c = start(fake, { consent: 'pending' });
    c.track('A');
    fake.emit('exit');
    expect(fake.sent).toHaveLength(0);
  });
});

/** A collector that fails (HTTP `status`) every request holding an event whose name contains `bad`. */
function poisoned(fake: ReturnType<typeof fakePlatform>, bad = 'Poison', status = 500) {
  const send = fake.platform.send;
  fake.platform.send = async (req) => {
    await send(req);
    return req.body.includes(bad) ? { status } : { status: 200 };
  };
}

describe('an event the collector keeps failing on', () => {
  it('is isolated by splitting, parked, counted, and the rest flows', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const fake = fakePlatform();
    poisoned(fake);
    const c = start(fake, { batchSize: 500, flushInterval: 600_000 });
    for (let i = 0; i < 20; i++) c.track(i == 7 ? 'Poison' : 'E' + i);
    await c.flush();
    await vi.advanceTimersByTimeAsync(60_000); // the retries, then the split
    const delivered = fake.sent.filter((s) => !s.body.includes('Poison')).flatMap((s) => s.messages.map((m: any) => m.event));
    expect(new Set(delivered).size).toBe(19);
    expect(c.status()).toMatchObject({ parked: 1, queued: 0 });
    expect(console.warn).toHaveBeenCalledWith(expect.stringContaining('status().parked'));
    // Later events are not held back by it.
    const before = fake.sent.length;
    c.track('Later');
    await c.flush();
    expect(fake.sent.slice(before).map((s) => s.messages.map((m: any) => m.event))).toEqual([['Later']]);
    // Kept in storage, out of the queue's head.
    expect((await fake.store!.parked()).map((r) => JSON.parse(r.s).event)).toEqual(['Poison']);
    expect(await fake.store!.head(10)).toEqual([]);
  });

  it('does not split forever or park anything when the collector fails everything (an outage)', async () => {
    const fake = fakePlatform();
    poisoned(fake, '"type"', 503);
    const c = start(fake, { batchSize: 500, flushInterval: 600_000 });
    for (let i = 0; i < 64; i++) c.track('E' + i);
    await c.flush();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(c.status()).toMatchObject({ parked: 0, queued: 64 });
    // A handful of attempts, each bounded: not 2 × 64 requests per round.
    expect(fake.sent.length).toBeLessThan(60);
    expect((await fake.store!.head(100)).length).toBe(64);
  });

  it('finds a run of bad events at the start of the batch', async () => {
    const fake = fakePlatform();
    poisoned(fake);
    const c = start(fake, { batchSize: 500, flushInterval: 600_000 });
    for (let i = 0; i < 40; i++) c.track(i < 16 ? 'Poison ' + i : 'E' + i);
    await c.flush();
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(c.status()).toMatchObject({ parked: 16, queued: 0 });
  });

  it('counts parked events after a reload and sends them again when a new session starts', async () => {
    const store = createMemoryStore();
    const fake = fakePlatform({ store });
    poisoned(fake);
    const c = start(fake, { batchSize: 500, flushInterval: 600_000 });
    c.track('A');
    c.track('Poison');
    await c.flush();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(c.status().parked).toBe(1);
    c._teardown();
    // Next page load, same session: still parked, and counted.
    const again = fakePlatform({ store });
    again.kv.set('sabu_session', fake.kv.get('sabu_session')!);
    const c2 = start(again);
    await vi.advanceTimersByTimeAsync(0);
    expect(c2.status().parked).toBe(1);
    c2.track('B');
    await c2.flush();
    expect(again.batches()).toEqual([['B']]);
    c2._teardown();
    // A new session (30 minutes later): it goes again, now that the collector takes it.
    vi.setSystemTime(Date.now() + 31 * 60_000);
    const later = fakePlatform({ store });
    later.kv.set('sabu_session', fake.kv.get('sabu_session')!);
    const c3 = start(later);
    c3.track('C');
    await vi.advanceTimersByTimeAsync(0);
    await c3.flush();
    expect(later.batches().flat().sort()).toEqual(['C', 'Poison']);
    expect(c3.status()).toMatchObject({ parked: 0, queued: 0 });
  });
});

describe('a collector the page cannot reach', () => {
  it('says once, after repeated network failures, what is likely wrong and how to fix it', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const fake = fakePlatform();
    fake.reply({ status: 0 }, { status: 0 }, { status: 0 }, { status: 0 }, { status: 0 }, { status: 0 });
    const c = start(fake);
    c.track('A');
    await c.flush();
    await vi.advanceTimersByTimeAsync(1500);
    expect(error).not.toHaveBeenCalled(); // one blip is not worth a message
    await vi.advanceTimersByTimeAsync(60_000);
    const said = error.mock.calls.map((a) => String(a[0])).filter((t) => t.includes('cannot reach'));
    expect(said).toHaveLength(1);
    // Names the endpoint, the likely causes and their fixes.
    expect(said[0]).toMatch(/^\[sabu\] cannot reach \/v1\/batch: .*origin.*CORS.*config\.endpoint.*start the collector/);
    expect(fake.sent.length).toBeGreaterThan(UNREACHABLE_AFTER);
  });

  it('says nothing for HTTP errors, which are answers', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const fake = fakePlatform();
    fake.reply({ status: 503 }, { status: 503 }, { status: 429 }, { status: 503 });
    const c = start(fake);
    c.track('A');
    await c.flush();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(error.mock.calls.filter((a) => String(a[0]).includes('cannot reach'))).toEqual([]);
  });
});

describe('the cross-tab channel', () => {
  it('forgets records another tab acknowledged, and ignores what other scripts post on it without throwing', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const fake = fakePlatform();
    const c = start(fake, { batchSize: 500, flushInterval: 600_000 });
    c.track('A');
    c.track('B');
    await vi.advanceTimersByTimeAsync(0); // persisted
    const [first] = await fake.store!.head(1);
    expect(() => fake.hear(42)).not.toThrow();
    expect(() => fake.hear(null)).not.toThrow();
    fake.hear([first!.k]);
    expect(c.status().queued).toBe(1);
    expect(error).toHaveBeenCalledWith(expect.stringContaining('[sabu] internal error'));
  });

  it("tells other tabs the keys of the records it delivered for them, and not its own page's", async () => {
    const store = createMemoryStore();
    // Another tab left A in the shared store and still holds it in its mirror.
    const other = fakePlatform({ store });
    other.platform.uuid = () => crypto.randomUUID(); // a page id of its own
    start(other, { batchSize: 500, flushInterval: 600_000 }).track('A');
    await vi.advanceTimersByTimeAsync(0);
    const [theirs] = await store.head(1);
    const fake = fakePlatform({ store });
    const told: string[][] = [];
    fake.platform.broadcast = (keys) => told.push(keys);
    const c = start(fake, { batchSize: 500, flushInterval: 600_000 });
    c.track('B');
    await c.flush();
    expect(fake.batches().flat().sort()).toEqual(['A', 'B']);
    expect(told).toEqual([[theirs!.k]]);
    c.track('C');
    await c.flush();
    expect(told).toHaveLength(1);
  });
});

describe('a reload after page exit', () => {
  /** The next page load: same localStorage and IndexedDB, a new platform and client. */
  function reload(before: ReturnType<typeof fakePlatform>, store: QueueStore) {
    const next = fakePlatform({ store });
    for (const [k, v] of before.kv) next.kv.set(k, v);
    start(next);
    return next;
  }

  it('does not send again what the exit request delivered, even when the page went away before deleting it', async () => {
    const store = createMemoryStore();
    // The page is gone before its delete from the store finishes.
    const fake = fakePlatform({ store: { ...store, del: () => new Promise(() => {}) } });
    const c = start(fake, { batchSize: 500, flushInterval: 600_000 });
    c.track('A');
    c.track('B');
    await vi.advanceTimersByTimeAsync(0); // persisted
    fake.emit('exit');
    await vi.advanceTimersByTimeAsync(0); // answered 200
    expect(fake.kv.get(EXIT_ACKED_KEY + 'wk')).toBeTruthy();
    const next = reload(fake, store);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(next.sent).toHaveLength(0);
    expect(await store.head(10)).toEqual([]);
    expect(next.kv.get(EXIT_ACKED_KEY + 'wk')).toBeUndefined();
  });

  it('sends again what the exit request may not have delivered (no answer, or a failure)', async () => {
    // A failure seen by the page: sent at once. No answer seen: the next page asks first
    // (alone once due: nothing else goes), and the collector here does not know the question.
    for (const [answer, wait, expected] of [
      [new Promise<never>(() => {}), ASK_ALONE_AFTER_MS, [[], ['A', 'B']]],
      [{ status: 0 }, ASK_ALONE_AFTER_MS, [[], ['A', 'B']]],
      [{ status: 503 }, 0, [['A', 'B']]],
    ] as const) {
      const store = createMemoryStore();
      const fake = fakePlatform({ store });
      const c = start(fake, { batchSize: 500, flushInterval: 600_000 });
      c.track('A');
      c.track('B');
      await vi.advanceTimersByTimeAsync(0);
      fake.reply(answer);
      fake.emit('exit');
      await vi.advanceTimersByTimeAsync(0);
      const next = reload(fake, store);
      await vi.advanceTimersByTimeAsync(wait);
      expect(next.batches()).toEqual(expected);
    }
  });

  it('a delivery while the page is not leaving touches no localStorage (three calls a batch were 49 ms of a 10,000-event burst)', async () => {
    const fake = fakePlatform();
    const c = start(fake, { batchSize: 10 });
    await c.flush(); // the start reads the marks once
    const used: string[] = [];
    const { get, set } = fake.platform;
    fake.platform.get = (k) => (used.push(k), get(k));
    fake.platform.set = (k, v) => (used.push(k), set(k, v));
    for (let i = 0; i < 100; i++) c.track('E');
    await c.flush();
    expect(fake.batches().flat()).toHaveLength(100);
    expect(used.filter((k) => k.startsWith(EXIT_ACKED_KEY))).toEqual([]);
  });

  it('leaves no mark behind when the page lived to delete what its exit request delivered', async () => {
    const fake = fakePlatform();
    const c = start(fake, { batchSize: 500, flushInterval: 600_000 });
    c.track('A');
    fake.emit('exit');
    await vi.advanceTimersByTimeAsync(0);
    expect(c.status()).toMatchObject({ queued: 0, sent: 1 });
    expect(fake.kv.has(EXIT_ACKED_KEY + 'wk')).toBe(false);
  });

  it('sends at a later exit what the collector refused at exit, but not what got no answer', async () => {
    const fake = fakePlatform();
    const c = start(fake, { batchSize: 500, flushInterval: 600_000 });
    c.track('A');
    fake.reply({ status: 503 }, { status: 0 });
    fake.emit('exit');
    await vi.advanceTimersByTimeAsync(0); // refused
    fake.emit('exit'); // pagehide after visibilitychange: A goes again
    await vi.advanceTimersByTimeAsync(0); // no answer: the page is being torn down
    fake.emit('exit');
    expect(fake.batches()).toEqual([['A'], ['A']]);
  });

  it('does not send in a normal request what an exit request carries', async () => {
    const fake = fakePlatform();
    const c = start(fake, { batchSize: 1 });
    fake.reply(new Promise(() => {})); // the exit request stays in flight
    c.track('A');
    fake.emit('leave');
    await vi.advanceTimersByTimeAsync(0); // persisted: batchSize reached, a drain runs
    await c.flush();
    expect(fake.batches()).toEqual([['A']]);
  });
});

describe('a stored burst', () => {
  it('still sends at exit the oldest events that fit, and delivers every event once from the store', async () => {
    const fake = fakePlatform();
    const c = start(fake, { batchSize: 500, flushInterval: 600_000 });
    for (let i = 0; i < 300; i++) c.track('Burst', { i, text: 'x'.repeat(600) });
    await vi.advanceTimersByTimeAsync(0); // persisted
    fake.reply(new Promise(() => {})); // the exit request stays in flight
    fake.emit('exit');
    const atExit = fake.sent[0]!.messages.map((m: any) => m.properties.i);
    expect(atExit.length).toBeGreaterThan(50);
    expect(atExit).toEqual([...Array(atExit.length).keys()]);
    expect(new Blob([fake.sent[0]!.body]).size).toBeLessThanOrEqual(EXIT_QUOTA_BYTES);
    fake.emit('visible');
    await c.flush();
    expect(fake.sent.slice(1).flatMap((s) => s.messages.map((m: any) => m.properties.i))).toEqual([...Array(300).keys()]);
    expect(c.status()).toMatchObject({ queued: 0, sent: 300 });
    fake.emit('exit');
    expect(fake.sent).toHaveLength(2); // nothing left to send
  });

  it('counts as queued what it set aside from memory, until this tab or another one delivers it', async () => {
    const fake = fakePlatform();
    const c = start(fake, { batchSize: 500, flushInterval: 600_000 });
    for (let i = 0; i < 300; i++) c.track('Burst', { i, text: 'x'.repeat(600) });
    await vi.advanceTimersByTimeAsync(0); // persisted: most texts set aside
    expect(c.status().queued).toBe(300);
    // Another tab sent the oldest 100 from the shared store and says so.
    const oldest = await fake.store!.head(100);
    await fake.store!.del(oldest.map((r) => r.k));
    fake.hear(oldest.map((r) => r.k));
    expect(c.status().queued).toBe(200);
    await c.flush();
    expect(fake.sent.flatMap((s) => s.messages.map((m: any) => m.properties.i))).toEqual([...Array(300).keys()].slice(100));
    expect(c.status().queued).toBe(0);
  });
});
