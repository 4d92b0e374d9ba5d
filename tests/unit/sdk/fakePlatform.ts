import { afterEach, beforeEach, vi } from 'vitest';
import { createClient } from '../../../packages/sdk/src/core/createClient';
import { validateConfig } from '../../../packages/sdk/src/core/validateConfig';
import type { DeliveryResult, OutgoingRequest, Platform } from '../../../packages/sdk/src/core/platform';
import { createMemoryStore, type QueueStore } from '../../../packages/sdk/src/core/store';

/** A platform for unit tests: scripted collector answers, a controllable store and lifecycle. */
export function fakePlatform(opts: { store?: QueueStore | null; locked?: boolean } = {}) {
  const kv = new Map<string, string>();
  const handlers: Record<string, Array<() => void>> = {};
  const heard: Array<(keys: string[]) => void> = [];
  const sent: Array<OutgoingRequest & { messages: any[] }> = [];
  const replies: Array<DeliveryResult | Promise<DeliveryResult>> = [];
  let n = 0;
  const store = opts.store === undefined ? createMemoryStore() : opts.store;
  const platform: Platform = {
    now: () => Date.now(),
    // Distinct in the first group too: a page's messageIds keep a UUID's first 28 characters.
    uuid: () => (++n, `${String(n).padStart(8, '0')}-0000-4000-8000-${String(n).padStart(12, '0')}`),
    get: (k) => kv.get(k) ?? null,
    set: (k, v) => (v == null ? kv.delete(k) : kv.set(k, v)),
    keys: (prefix) => [...kv.keys()].filter((k) => k.startsWith(prefix)),
    openStore: () => store,
    async send(req) {
      sent.push({ ...req, messages: JSON.parse(req.body).batch });
      return replies.shift() ?? { status: 200 };
    },
    lock: async (_name, fn) => {
      if (opts.locked) return false;
      await fn();
      return true;
    },
    context: () => ({ page: { url: 'https://app.example/', path: '/' }, library: { name: 'sabu', version: 'test' } }),
    on(event, cb) {
      (handlers[event] ??= []).push(cb);
      return () => (handlers[event] = handlers[event]!.filter((h) => h != cb));
    },
    broadcast: () => {},
    onBroadcast: (cb) => (heard.push(cb), () => {}),
    doNotTrack: () => false,
  };
  return {
    platform,
    kv,
    sent,
    store,
    /** Scripts the next answers of the collector. */
    reply: (...r: Array<DeliveryResult | Promise<DeliveryResult>>) => replies.push(...r),
    emit: (event: string) => handlers[event]?.forEach((h) => h()),
    /** How many listeners the SDK holds on a lifecycle event. */
    listeners: (event: string) => handlers[event]?.length ?? 0,
    /** A message on the cross-tab channel (from another tab, or another script of the page). */
    hear: (data: unknown) => heard.forEach((h) => h(data as string[])),
    /** Names of the track events sent, request by request. */
    batches: () => sent.map((s) => s.messages.map((m: any) => m.event ?? m.type)),
  };
}

/** A client on a fake platform with a minimal config (page views off) plus `extra`. */
export const startClient = (fake: ReturnType<typeof fakePlatform>, extra: Record<string, unknown> = {}) =>
  createClient(validateConfig({ writeKey: 'wk', endpoint: '/v1/batch', trackPages: false, ...extra })!, fake.platform);

/** Fake timers at `now` and quiet warnings for each test of a file. */
export function useFakeClock(now: number) {
  beforeEach(() => {
    vi.useFakeTimers({ now });
    vi.spyOn(console, 'warn').mockImplementation(() => {});
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });
}
