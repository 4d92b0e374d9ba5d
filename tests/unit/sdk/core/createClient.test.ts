import { describe, expect, it, vi } from 'vitest';
import type { SabuPlugin } from '../../../../packages/sdk/src/types';
import { MAX_ID_LENGTH, MAX_NAME_LENGTH } from '../../../../packages/schema/src/limits';
import { fakePlatform, startClient, useFakeClock } from '../fakePlatform';

const NOW = Date.parse('2026-03-02T10:00:00Z');
const MIN = 60_000;
const start = startClient;

const sentMessages = async (fake: ReturnType<typeof fakePlatform>, c: ReturnType<typeof start>) => {
  await c.flush();
  return fake.sent.flatMap((s) => s.messages);
};

useFakeClock(NOW);

describe('messages', () => {
  it('builds Segment-spec messages with ids, time, identity and context', async () => {
    const fake = fakePlatform();
    const c = start(fake);
    c.track('Report Exported', { format: 'csv' });
    const [m] = await sentMessages(fake, c);
    expect(m).toEqual({
      type: 'track',
      event: 'Report Exported',
      properties: { format: 'csv' },
      messageId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      timestamp: '2026-03-02T10:00:00.000Z',
      anonymousId: expect.any(String),
      context: { page: { url: 'https://app.example/', path: '/' }, library: { name: 'sabu', version: 'test' }, sessionId: expect.any(String) },
    });
    expect(fake.sent[0]!.body).toContain('"writeKey":"wk"');
  });

  it('snapshots properties at call time', async () => {
    const fake = fakePlatform();
    const c = start(fake);
    const props = { n: 1 };
    c.track('A', props);
    props.n = 2;
    const [m] = await sentMessages(fake, c);
    expect(m.properties).toEqual({ n: 1 });
  });

  it('keeps the anonymous id across page loads', () => {
    const fake = fakePlatform();
    const first = start(fake);
    first.track('A');
    const id = fake.kv.get('sabu_aid');
    start(fake);
    expect(fake.kv.get('sabu_aid')).toBe(id);
  });

  it('uses the time a queued call was made at', async () => {
    const fake = fakePlatform();
    const c = start(fake);
    c._at(NOW - 5000, () => c.track('Early'));
    c.track('Now');
    const msgs = await sentMessages(fake, c);
    expect(msgs.map((m) => [m.event, m.timestamp])).toEqual([
      ['Early', '2026-03-02T09:59:55.000Z'],
      ['Now', '2026-03-02T10:00:00.000Z'],
    ]);
  });
});

describe('identity', () => {
  it('identify() sets userId on later events and merges traits; group() adds the account', async () => {
    const fake = fakePlatform();
    const c = start(fake);
    c.identify('u1', { plan: 'pro' });
    c.identify({ seats: 3 });
    c.group('acme', { name: 'Acme' });
    c.track('A');
    const msgs = await sentMessages(fake, c);
    expect(msgs.map((m) => m.type)).toEqual(['identify', 'identify', 'group', 'track']);
    expect(msgs[1].traits).toEqual({ seats: 3 });
    expect(msgs[3].userId).toBe('u1');
    expect(msgs[3].context.groupId).toBe('acme');
    expect(JSON.parse(fake.kv.get('sabu_traits')!)).toEqual({ plan: 'pro', seats: 3 });
  });

  it('reset() forgets the user and starts a new anonymous id and session', async () => {
    const fake = fakePlatform();
    const c = start(fake);
    c.identify('u1');
    c.track('Before');
    c.reset();
    c.track('After');
    const [, before, after] = await sentMessages(fake, c);
    expect(after.userId).toBeUndefined();
    expect(after.anonymousId).not.toBe(before.anonymousId);
    expect(after.context.sessionId).not.toBe(before.context.sessionId);
  });
});

describe('sessions', () => {
  it('keeps the session under 30 minutes of inactivity and rolls it at 30', async () => {
    const fake = fakePlatform();
    const c = start(fake);
    c.track('A');
    vi.setSystemTime(NOW + 30 * MIN - 1);
    c.track('B');
    vi.setSystemTime(NOW + 60 * MIN - 1);
    c.track('C');
    const [a, b, cc] = await sentMessages(fake, c);
    expect(b.context.sessionId).toBe(a.context.sessionId);
    expect(cc.context.sessionId).not.toBe(b.context.sessionId);
  });

  it('shares the last activity with other tabs within a second, without writing on every event', async () => {
    const fake = fakePlatform();
    const set = vi.spyOn(fake.platform, 'set');
    const c = start(fake);
    c.track('A');
    const writes = set.mock.calls.filter(([k]) => k == 'sabu_session').length;
    vi.setSystemTime(NOW + 20 * MIN);
    c.track('B');
    c.track('C');
    expect(set.mock.calls.filter(([k]) => k == 'sabu_session').length).toBe(writes);
    await vi.advanceTimersByTimeAsync(1000);
    expect(JSON.parse(fake.kv.get('sabu_session')!).last).toBe(NOW + 20 * MIN);
    // A tab opened 25 minutes after that continues the same session.
    vi.setSystemTime(NOW + 45 * MIN);
    const other = start(fake);
    other.track('D');
    await other.flush();
    await c.flush();
    const all = fake.sent.flatMap((s) => s.messages);
    expect(all.map((m) => m.event).sort()).toEqual(['A', 'B', 'C', 'D']);
    expect(new Set(all.map((m) => m.context.sessionId)).size).toBe(1);
  });

  it('follows a custom sessionTimeout and continues a session another tab kept alive', async () => {
    const fake = fakePlatform();
    const c = start(fake, { sessionTimeout: 5 * MIN });
    c.track('A');
    const stored = JSON.parse(fake.kv.get('sabu_session')!);
    // Another tab was active 4 minutes later and saved the session.
    fake.kv.set('sabu_session', JSON.stringify({ ...stored, last: NOW + 4 * MIN }));
    vi.setSystemTime(NOW + 8 * MIN);
    c.track('B');
    vi.setSystemTime(NOW + 14 * MIN);
    c.track('C');
    const [a, b, cc] = await sentMessages(fake, c);
    expect(b.context.sessionId).toBe(a.context.sessionId);
    expect(cc.context.sessionId).not.toBe(a.context.sessionId);
  });
});

describe('plugins and beforeSend', () => {
  it('runs plugin beforeSend hooks in order, then config.beforeSend; null drops', async () => {
    const fake = fakePlatform();
    const order: string[] = [];
    const plugins: SabuPlugin[] = [
      { name: 'one', beforeSend: (m) => (order.push('one'), m) },
      { name: 'two', beforeSend: (m) => (order.push('two'), m.type == 'track' && m.event == 'Drop' ? null : m) },
    ];
    const c = start(fake, { plugins, beforeSend: (m: any) => (order.push('config'), m) });
    c.track('Keep');
    c.track('Drop');
    const msgs = await sentMessages(fake, c);
    expect(msgs.map((m) => m.event)).toEqual(['Keep']);
    expect(order).toEqual(['one', 'two', 'config', 'one', 'two']);
  });

  it('gives plugins every accepted message and a track() of their own', async () => {
    const fake = fakePlatform();
    const seen: string[] = [];
    const plugin: SabuPlugin = {
      name: 'echo',
      setup(api) {
        api.onMessage((m) => {
          seen.push(m.type == 'track' ? m.event : m.type);
          if (m.type == 'track' && m.event == 'Report Created') api.track('First Value Reached');
        });
      },
    };
    const c = start(fake, { plugins: [plugin] });
    c.track('Report Created');
    expect(seen).toEqual(['Report Created', 'First Value Reached']);
    expect((await sentMessages(fake, c)).map((m) => m.event)).toEqual(['Report Created', 'First Value Reached']);
  });

  it('replays the messages since init to a late subscriber (a module loaded on demand)', async () => {
    const fake = fakePlatform();
    let api!: import('../../../../packages/sdk/src/types').PluginApi;
    const c = start(fake, { plugins: [{ name: 'late', setup: (a: any) => void (api = a) }] });
    c.track('Before Load');
    c.identify('u1');
    const seen: string[] = [];
    api.onMessage((m) => seen.push(m.type == 'track' ? m.event : m.type), true);
    c.track('After Load');
    expect(seen).toEqual(['Before Load', 'identify', 'After Load']);
    const plain: string[] = [];
    api.onMessage((m) => plain.push(m.type), false);
    c.track('Later');
    expect(plain).toEqual(['track']);
  });

  it('contains a plugin that throws', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const fake = fakePlatform();
    const c = start(fake, {
      plugins: [
        { name: 'bad', setup: (api: any) => api.onMessage(() => { throw new Error('boom'); }) },
        { name: 'worse', setup: () => { throw new Error('bang'); } },
      ],
    });
    expect(() => c.track('A')).not.toThrow();
    expect(error).toHaveBeenCalledTimes(2);
    expect((await sentMessages(fake, c)).map((m) => m.event)).toEqual(['A']);
  });
});

describe('page views', () => {
  it('sends one at start and one per route change', async () => {
    const fake = fakePlatform();
    const c = start(fake, { trackPages: true });
    c._start(); // init() calls it once the calls made before it replayed
    c._start();
    fake.emit('route');
    const msgs = await sentMessages(fake, c);
    expect(msgs.map((m) => m.type)).toEqual(['page', 'page']);
    expect(msgs[0].properties).toMatchObject({ url: 'https://app.example/', path: '/' });
  });
});

describe('host data the collector would refuse', () => {
  it('drops one bad trait with a message naming it, and later identify() calls still work', async () => {
    const fake = fakePlatform();
    const c = start(fake);
    c.identify('u1', { n: 5n, plan: 'free' });
    c.identify('u1', { plan: 'pro' });
    const msgs = await sentMessages(fake, c);
    expect(msgs.map((m) => m.traits)).toEqual([{ plan: 'free' }, { plan: 'pro' }]);
    expect(console.warn).toHaveBeenCalledWith(expect.stringMatching(/^\[sabu\] identify\(\): "n" is not JSON/));
    expect(JSON.parse(fake.kv.get('sabu_traits')!)).toEqual({ plan: 'pro' });
  });

  it('sends track/page/group with the bad properties left out (cycles, functions, symbols, BigInt)', async () => {
    const fake = fakePlatform();
    const c = start(fake);
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.me = cyclic;
    c.track('T', { cyclic, fn: () => 1, s: Symbol('x'), big: 1n, ok: true });
    c.page('P', { big: 2n, ok: 1 });
    c.group('g1', { big: 3n, name: 'Acme' });
    const msgs = await sentMessages(fake, c);
    expect(msgs.map((m) => m.properties ?? m.traits)).toEqual([{ cyclic: { a: 1 }, ok: true }, { path: '/', url: 'https://app.example/', ok: 1 }, { name: 'Acme' }]);
    expect(c.status().dropped.invalid).toBe(0);
  });

  it('sends only well-formed text: lone surrogates from any source become U+FFFD', async () => {
    const fake = fakePlatform();
    const c = start(fake, { beforeSend: (m: any) => ({ ...m, context: { ...m.context, note: 'z\udfff' } }) });
    c.identify('user\ud800', { ['t\udc00']: 'v\ud83d' });
    c.track('Clicked ' + '😀'.slice(0, 1), { label: 'a'.repeat(99) + '😀'.slice(0, 1) });
    await c.flush();
    const body = fake.sent[0]!.body;
    expect(body).not.toMatch(/\\ud[89a-f]/i);
    const [identify, track] = JSON.parse(body).batch;
    expect(identify).toMatchObject({ userId: 'user\ufffd', traits: { 't\ufffd': 'v\ufffd' } });
    expect(track).toMatchObject({ event: 'Clicked \ufffd', properties: { label: 'a'.repeat(99) + '\ufffd' }, context: { note: 'z\ufffd' } });
  });

  it.each([
    ['identify', 'userId', (c: any, s: string) => c.identify(s), MAX_ID_LENGTH],
    ['group', 'groupId', (c: any, s: string) => c.group(s), MAX_ID_LENGTH],
    ['track', 'the event name', (c: any, s: string) => c.track(s), MAX_NAME_LENGTH],
    ['page', 'the page name', (c: any, s: string) => c.page(s), MAX_NAME_LENGTH],
  ])('%s(): refuses %s over the wire limit with a message naming the field, and queues nothing', async (call, field, act, max) => {
    const fake = fakePlatform();
    const c = start(fake);
    act(c, 'x'.repeat(max + 1));
    expect(console.warn).toHaveBeenCalledWith(`[sabu] ${call}(): ${field} has ${max + 1} characters, over the collector's ${max}; call ignored.`);
    expect(c.status().queued).toBe(0);
    act(c, 'x'.repeat(max));
    expect(c.status().queued).toBe(1);
    c.track('After');
    expect((await sentMessages(fake, c)).every((m) => m.userId == null || m.userId.length <= MAX_ID_LENGTH)).toBe(true);
  });

  it('keeps a throwing host JSON.stringify and beforeSend away from the page: no error escapes a timer or listener', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const fake = fakePlatform();
    let fail = false;
    const c = start(fake, { trackPages: true, beforeSend: (m: any) => (fail ? (() => { throw new Error('host beforeSend'); })() : m) });
    c._start();
    const stringify = JSON.stringify;
    c.track('A');
    vi.spyOn(JSON, 'stringify').mockImplementation(() => {
      throw new Error('host JSON');
    });
    // Timers (the session save) and lifecycle listeners run host-broken code: nothing is thrown out of them.
    await vi.advanceTimersByTimeAsync(10_000);
    fake.emit('exit');
    fail = true;
    fake.emit('route');
    JSON.stringify = stringify;
    vi.mocked(JSON.stringify).mockRestore?.();
    expect(error).toHaveBeenCalledWith(expect.stringContaining('[sabu] internal error'));
  });
});
