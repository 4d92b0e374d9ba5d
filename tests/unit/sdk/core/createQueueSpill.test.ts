import { describe, expect, it, vi } from 'vitest';
import { EXIT_SPILL_KEY, SPILL_MAX_CHARS } from '../../../../packages/sdk/src/core/createQueue';
import { createMemoryStore, type QueueStore } from '../../../../packages/sdk/src/core/store';
import { fakePlatform, startClient as start, useFakeClock } from '../fakePlatform';

/**
 * A page that leaves before its durable store could take what it accepted (IndexedDB not
 * open yet, or no IndexedDB at all) writes those records to localStorage at exit, and the
 * next page sends them. Found in CI: 20 events tracked and a reload in the same task, before
 * IndexedDB opened, with the collector down: lost in 8 reloads of 12 in Chromium.
 */
useFakeClock(Date.parse('2026-03-02T10:00:00Z'));
const lazy = { batchSize: 500, flushInterval: 600_000 };

/** A durable store that is still opening: every call waits for `open()`, as IndexedDB's do. */
function opening(inner = createMemoryStore()) {
  let open!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  let isOpen = false;
  void gate.then(() => (isOpen = true));
  const wait = <A extends unknown[], T>(f: (...a: A) => Promise<T>) => (...a: A) => gate.then(() => f(...a));
  const store: QueueStore = {
    put: wait(inner.put),
    head: wait(inner.head),
    parked: wait(inner.parked),
    del: wait(inner.del),
    clear: wait(inner.clear),
    ready: () => isOpen,
  };
  return { store, inner, open };
}

/** The next page load: the same localStorage, a store of its own (what the browser kept). */
function reload(before: ReturnType<typeof fakePlatform>, store: QueueStore | null = createMemoryStore()) {
  const next = fakePlatform({ store });
  for (const [k, v] of before.kv) next.kv.set(k, v);
  start(next, lazy);
  return next;
}
const spills = (fake: ReturnType<typeof fakePlatform>) => [...fake.kv.keys()].filter((k) => k.startsWith(EXIT_SPILL_KEY));

describe('page exit before the store can take what was accepted', () => {
  it('the next page sends what was tracked while IndexedDB was still opening, with the collector down', async () => {
    const { store } = opening(); // never opens: the page is gone first
    const fake = fakePlatform({ store });
    const c = start(fake, lazy);
    c.track('A');
    c.track('B');
    fake.reply({ status: 0 }); // the exit request does not get through
    fake.emit('leave');
    fake.emit('exit');
    const next = reload(fake);
    // The exit request got no answer: the next page asks whether it arrived (alone, after
    // flushInterval, the doubt being due by then: nothing else goes), then sends (see exitLedger.test.ts).
    await vi.advanceTimersByTimeAsync(lazy.flushInterval);
    expect(next.batches()).toEqual([[], ['A', 'B']]);
    expect(spills(next)).toEqual([]);
  });

  it('without any durable store, the next page sends what the page held', async () => {
    const fake = fakePlatform({ store: null });
    const c = start(fake, lazy);
    for (const e of ['A', 'B', 'C']) c.track(e);
    await vi.advanceTimersByTimeAsync(0);
    fake.reply({ status: 503 });
    fake.emit('exit');
    await vi.advanceTimersByTimeAsync(0);
    const next = reload(fake, null);
    await vi.advanceTimersByTimeAsync(0);
    expect(next.batches()).toEqual([['A', 'B', 'C']]);
    expect(next.platform.get(spills(fake)[0]!)).toBeNull();
  });

  it('without a durable store, what the exit request delivered is not sent again by the next page', async () => {
    const fake = fakePlatform({ store: null });
    const c = start(fake, lazy);
    c.track('A');
    await vi.advanceTimersByTimeAsync(0);
    fake.emit('exit'); // answered 200 while the page is still there
    await vi.advanceTimersByTimeAsync(0);
    expect(spills(fake)).toEqual([]);
    const next = reload(fake, null);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(next.sent).toHaveLength(0);
  });

  it('a page that lives on removes its spill once the store has the records, and sends each once', async () => {
    const { store, inner, open } = opening();
    const fake = fakePlatform({ store });
    const c = start(fake, lazy);
    c.track('A');
    fake.reply(new Promise(() => {})); // the exit request stays in flight (a hidden tab)
    fake.emit('exit');
    expect(spills(fake)).toHaveLength(1);
    open();
    await vi.advanceTimersByTimeAsync(0);
    expect(spills(fake)).toEqual([]);
    expect((await inner.head(10)).map((r) => JSON.parse(r.s).event)).toEqual(['A']);
    const next = reload(fake, inner);
    await vi.advanceTimersByTimeAsync(lazy.flushInterval); // the question first (no answer seen to the exit request)
    expect(next.batches()).toEqual([[], ['A']]); // the store's copy, once
  });

  it('a page shown again removes its spill: it still holds the records', async () => {
    const fake = fakePlatform({ store: null });
    const c = start(fake, lazy);
    c.track('A');
    fake.reply({ status: 0 });
    fake.emit('exit');
    expect(spills(fake)).toHaveLength(1);
    fake.emit('visible');
    expect(spills(fake)).toEqual([]);
    await c.flush();
    expect(fake.batches()).toEqual([['A'], ['A']]);
  });

  it('an open store takes the write at once: nothing is spilled', async () => {
    const fake = fakePlatform();
    const c = start(fake, lazy);
    c.track('A');
    fake.reply({ status: 0 });
    fake.emit('exit');
    expect(spills(fake)).toEqual([]);
  });

  it('keeps the oldest records up to SPILL_MAX_CHARS, so the host app keeps its localStorage', async () => {
    const fake = fakePlatform({ store: null });
    const c = start(fake, lazy);
    const text = 'x'.repeat(4000);
    const n = Math.ceil((2 * SPILL_MAX_CHARS) / text.length);
    for (let i = 0; i < n; i++) c.track('E', { i, text });
    fake.reply({ status: 0 });
    fake.emit('exit');
    const [key] = spills(fake);
    const kept: Array<[string, string]> = JSON.parse(fake.kv.get(key!)!);
    expect(kept.reduce((s, [, r]) => s + r.length, 0)).toBeLessThanOrEqual(SPILL_MAX_CHARS);
    expect(kept.map(([, r]) => JSON.parse(r).properties.i)).toEqual([...Array(kept.length).keys()]);
    expect(kept.length).toBeGreaterThan(n / 3);
  });

  it('ignores a spill it cannot read (another script, or cut short) and removes it', async () => {
    const fake = fakePlatform();
    for (const [i, v] of ['{', '"x"', '[[1,2]]', '[["~parked","{}"]]', 'null'].entries()) fake.kv.set(EXIT_SPILL_KEY + 'wk.' + i, v);
    const next = reload(fake);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(next.sent).toHaveLength(0);
    expect(spills(next)).toEqual([]);
  });

  it('takes in the spills of several pages (tabs) at once', async () => {
    const a = fakePlatform({ store: null });
    const b = fakePlatform({ store: null });
    for (let i = 0; i < 1000; i++) b.platform.uuid(); // another page id (its first characters)
    start(a, lazy).track('A');
    start(b, lazy).track('B');
    for (const f of [a, b]) f.reply({ status: 0 }), f.emit('exit');
    for (const [k, v] of b.kv) a.kv.set(k, v);
    expect(spills(a)).toHaveLength(2);
    const next = reload(a);
    await vi.advanceTimersByTimeAsync(lazy.flushInterval); // the question first (no answer seen to the exit requests)
    expect(next.batches().flat().sort()).toEqual(['A', 'B']);
  });
});

describe('a hidden page that lives on after its spill', () => {
  it('keeps the spill up to date with what it accepts after it', async () => {
    const fake = fakePlatform({ store: null });
    const c = start(fake, lazy);
    c.track('A');
    fake.reply({ status: 0 }, { status: 0 });
    fake.emit('exit'); // hidden: the page may be discarded without another event
    c.track('B');
    await vi.advanceTimersByTimeAsync(0);
    const next = reload(fake, null);
    await vi.advanceTimersByTimeAsync(0);
    // B goes at once and asks about the exit request that carried A (no answer seen): A follows.
    expect(next.batches()).toEqual([['B'], ['A']]);
  });
});
