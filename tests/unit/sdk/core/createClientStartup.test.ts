import { describe, expect, it, vi } from 'vitest';
import { fakePlatform, startClient, useFakeClock } from '../fakePlatform';

const NOW = Date.parse('2026-03-02T10:00:00Z');

useFakeClock(NOW);

/** A fake platform that counts storage reads and whose page URL the test can change. */
function countingPlatform() {
  const fake = fakePlatform();
  let reads = 0;
  let url = 'https://app.example/';
  const get = fake.platform.get;
  fake.platform.get = (k) => (reads++, get(k));
  fake.platform.context = () => ({ page: { url, path: new URL(url).pathname }, library: { name: 'sabu', version: 'test' } });
  return { fake, reads: () => reads, go: (u: string) => (url = u) };
}

const messagesOf = (fake: ReturnType<typeof fakePlatform>) => fake.sent.flatMap((s) => s.messages);

describe('start-up reads no storage', () => {
  it('reads the stored state at the first idle moment, not while starting', async () => {
    const { fake, reads } = countingPlatform();
    startClient(fake, { trackPages: true })._start();
    // A first visit's first localStorage read costs 1-30 ms in Chromium: not in init().
    expect(reads()).toBe(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(reads()).toBeGreaterThan(0);
    expect(fake.kv.get('sabu_aid')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a call before that moment reads it at once: a returning user keeps their ids', async () => {
    const { fake } = countingPlatform();
    fake.kv.set('sabu_aid', 'anon-before');
    fake.kv.set('sabu_uid', 'user-7');
    fake.kv.set('sabu_gid', 'acme');
    const c = startClient(fake);
    c.track('Opened');
    await c.flush();
    expect(messagesOf(fake)[0]).toMatchObject({ anonymousId: 'anon-before', userId: 'user-7', context: { groupId: 'acme' } });
  });

  it('the automatic first page view keeps the URL and time of the start, even if an SPA moved before it was sent', async () => {
    const { fake, go } = countingPlatform();
    const c = startClient(fake, { trackPages: true });
    c._start();
    await vi.advanceTimersByTimeAsync(5); // less than the idle wait
    go('https://app.example/dashboard'); // the router redirects at once
    c.track('Dashboard Seen');
    await c.flush();
    const [pageView, tracked] = messagesOf(fake);
    expect(pageView).toMatchObject({ type: 'page', timestamp: new Date(NOW).toISOString(), properties: { path: '/' }, context: { page: { path: '/' } } });
    expect(tracked).toMatchObject({ type: 'track', event: 'Dashboard Seen', context: { page: { path: '/dashboard' } } });
  });

  it('sends exactly one first page view, whichever comes first', async () => {
    const { fake } = countingPlatform();
    const c = startClient(fake, { trackPages: true });
    c._start();
    c.identify('u1');
    await vi.advanceTimersByTimeAsync(2000);
    await c.flush();
    expect(messagesOf(fake).map((m) => m.type)).toEqual(['page', 'identify']);
  });

  it('a page left before the idle moment still sends its first page view at exit', async () => {
    const { fake } = countingPlatform();
    startClient(fake, { trackPages: true })._start();
    fake.emit('exit');
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.sent[0]).toMatchObject({ exit: true });
    expect(messagesOf(fake).map((m) => m.type)).toEqual(['page']);
  });

  it('a stored opt-out holds from the first call on', async () => {
    const { fake } = countingPlatform();
    fake.kv.set('sabu_optout', '1');
    const c = startClient(fake, { trackPages: true });
    c._start();
    c.track('Nope');
    await vi.advanceTimersByTimeAsync(2000);
    await c.flush();
    expect(fake.sent).toEqual([]);
    expect(c.status().optedOut).toBe(true);
  });

  it('reset() before the state was read still forgets the stored user', async () => {
    const { fake } = countingPlatform();
    fake.kv.set('sabu_aid', 'anon-before');
    fake.kv.set('sabu_uid', 'user-7');
    const c = startClient(fake);
    c.reset();
    await vi.advanceTimersByTimeAsync(2000);
    c.track('After');
    await c.flush();
    const [m] = messagesOf(fake);
    expect(m.anonymousId).not.toBe('anon-before');
    expect(m.userId).toBeUndefined();
  });
});

describe('start-up makes no queue (no IndexedDB open)', () => {
  /** A fake platform that counts the stores opened and the writes to them. */
  function countingStore() {
    const fake = fakePlatform();
    let opened = 0;
    const open = fake.platform.openStore;
    fake.platform.openStore = (name) => (opened++, open(name));
    const put = fake.store!.put.bind(fake.store);
    const puts: string[][] = [];
    fake.store!.put = (recs, max) => (puts.push(recs.map((r) => JSON.parse(r.s).event ?? JSON.parse(r.s).type)), put(recs, max));
    return { fake, opened: () => opened, puts };
  }

  it('opens the store at the first idle moment, not while starting', async () => {
    const { fake, opened } = countingStore();
    startClient(fake, { trackPages: true })._start();
    expect(opened()).toBe(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(opened()).toBe(1);
  });

  it('an event tracked before that moment is stored before it is sent, and sent once', async () => {
    const { fake, opened, puts } = countingStore();
    const c = startClient(fake);
    c.track('Early');
    expect(opened()).toBe(1); // first need
    await vi.advanceTimersByTimeAsync(2000);
    await c.flush();
    expect(puts).toEqual([['Early']]);
    expect(fake.batches()).toEqual([['Early']]);
  });

  it('an event tracked during a page exit before that moment goes in the exit request', async () => {
    const { fake } = countingStore();
    let c: ReturnType<typeof startClient> | null = null;
    // Signals report at exit before the core hears it (their listeners capture on window).
    fake.platform.on('exit', () => c?.track('Web Vital'));
    c = startClient(fake);
    fake.emit('exit');
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.sent[0]).toMatchObject({ exit: true });
    expect(fake.batches()).toEqual([['Web Vital']]);
  });

  it('the first page view and an event of the same exit go in one exit request, page view first', async () => {
    const { fake } = countingStore();
    let c: ReturnType<typeof startClient> | null = null;
    fake.platform.on('exit', () => c?.track('Form Abandoned'));
    c = startClient(fake, { trackPages: true });
    c._start();
    fake.emit('exit');
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.sent).toHaveLength(1);
    expect(fake.sent[0]).toMatchObject({ exit: true });
    expect(fake.batches()).toEqual([['page', 'Form Abandoned']]);
  });

  it('status() and flush() before that moment work (the queue is made for them)', async () => {
    const { fake } = countingStore();
    const c = startClient(fake);
    expect(c.status()).toMatchObject({ queued: 0, storage: 'indexeddb' });
    await c.flush();
    expect(fake.sent).toEqual([]);
  });
});

describe('properties and traits must be plain objects', () => {
  it('a boxed number, a Date or a Map as properties or traits is refused with a message, never sent as a non-object', async () => {
    const { fake } = countingPlatform();
    const c = startClient(fake);
    c.identify('u1', new Number(0) as never);
    c.track('Dated', new Date(0) as never);
    c.group('acme', new Map() as never);
    c.track('Fine', { ok: true });
    await c.flush();
    const sent = messagesOf(fake);
    // The collector refuses a batch with `traits: 0` or `properties: "1970-..."`: only valid messages may leave.
    expect(sent.map((m) => m.event ?? m.type)).toEqual(['Fine']);
    expect((console.warn as unknown as { mock: { calls: unknown[][] } }).mock.calls.flat().join('\n')).toMatch(/identify\(\)/);
  });
});
