import { MAX_EVENT_BYTES, MAX_ID_LENGTH, MAX_NAME_LENGTH } from '@sabu/schema/limits';
import type { SabuMessage } from '@sabu/schema';
import { MESSAGE_HISTORY, type PluginApi, type Properties, type SabuStatus } from '../types.js';
import { createQueue, type Queue } from './createQueue.js';
import { PAGE_ID_CHARS } from './store.js';
import { guard } from './guard.js';
import { messages, warnOnce } from './messages.js';
import type { Platform } from './platform.js';
import { touchSession, type Session } from './session.js';
import { stringify } from './stringify.js';
import { utf8Bytes } from './text.js';
import type { ResolvedConfig } from './validateConfig.js';
import { syncState } from '../guidance/state/loadState.js';

/** localStorage keys. Read at start and written when identity changes; never per event. */
const KEY = {
  anon: 'sabu_aid',
  user: 'sabu_uid',
  group: 'sabu_gid',
  traits: 'sabu_traits',
  session: 'sabu_session',
  optOut: 'sabu_optout',
  consent: 'sabu_consent',
};

/** A plain object: not an array, Date, Map or boxed primitive, which JSON writes as something else. */
const isObject = (v: unknown): v is Properties => Object.prototype.toString.call(v) == '[object Object]';

function parse<T>(text: string | null): T | null {
  try {
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}

/** Longest a session's last activity waits before other tabs can see it. */
export const SESSION_SAVE_DELAY_MS = 1000;

/** Byte length of a string in UTF-8, computed exactly only when it could matter. */
const eventBytes = (s: string) => (s.length * 3 < MAX_EVENT_BYTES ? s.length : utf8Bytes(s));

/**
 * The SDK instance: identity, sessions, message building, privacy switches, plugins;
 * delivery is the queue's. Platform-agnostic: the browser is injected as `p`.
 */
export function createClient(cfg: ResolvedConfig, p: Platform) {
  const stats: SabuStatus = {
    queued: 0,
    sent: 0,
    dropped: { oversized: 0, overflow: 0, rejected: 0, invalid: 0 },
    parked: 0,
    storage: 'none',
    optedOut: false,
    consent: 'granted',
  };
  let anonymousId = '';
  let userId: string | null = null;
  let groupId: string | null = null;
  let traits: Properties = {};
  let session: Session | null = null;
  let optedOut = false;
  let consent: 'granted' | 'denied' | 'pending' = cfg.consent;
  let loaded = false;
  /** The automatic first page view, made at start and sent once the stored state is read. */
  let firstPage: (() => void) | null = null;

  /**
   * Reads the stored identity and privacy state on first need (a call that builds a message
   * or reads identity) or at the first idle moment, never inside `init()`: a page's first
   * localStorage access is a synchronous trip to the browser's storage service, 1-30 ms on
   * a first visit in Chromium (measured in bench/), more than all the rest of start-up.
   */
  function load(): void {
    if (loaded) return;
    loaded = true;
    anonymousId = p.get(KEY.anon) || p.uuid();
    userId = p.get(KEY.user);
    groupId = p.get(KEY.group);
    traits = parse(p.get(KEY.traits)) ?? {};
    session = parse<Session>(p.get(KEY.session));
    optedOut = p.get(KEY.optOut) == '1';
    consent = (p.get(KEY.consent) as 'granted' | 'denied' | null) ?? cfg.consent;
    p.set(KEY.anon, anonymousId);
    firstPage?.();
  }
  /** Set while replaying calls made before the script loaded: their own time. */
  let at: number | undefined;
  /** Messages made on this page: the counter in their messageId and record key. */
  let seq = 0;
  let started = false;
  /**
   * The page's id: a random v4 UUID. A message's `messageId` is its first 28 characters and
   * the message's number in 8 hex digits (`crypto.randomUUID()` per event was the largest
   * single cost of a burst after serialisation: issue 19, 32 ms of 10,000 events). Still
   * collision-safe: the part kept holds 86 random bits, new on every page load and in every
   * tab, so two pages share it with a probability of about P² / 2^87 for P pages (under
   * 10^-8 for a billion page loads on one write key); within the page the number never
   * repeats (past 2^32 it grows a digit). A message sent again keeps its id (the stored text
   * is sent), so collectors' de-duplication holds; the UUID layout (8-4-4-4-12, version 4,
   * RFC 4122 variant) is kept for collectors that check it.
   */
  const pageId = p.uuid();
  /** Whose `beforeSend` runs, in order: plugins', then the config's (read at each call: a plugin may set its hook in setup). */
  const hookOwners = [...cfg.plugins, cfg];
  const listeners = new Set<(m: SabuMessage) => void>();
  const history: SabuMessage[] = [];

  const blocked = () => (load(), optedOut || consent == 'denied' || (cfg.respectDoNotTrack && p.doNotTrack()));
  const canSend = () => !blocked() && consent == 'granted';
  /**
   * The delivery queue, made on first need (a message to store, flush, status...) or at the
   * first idle moment, never inside `init()`: making it opens IndexedDB and reads what an
   * earlier page left, about 1 ms of a first visit's start-up in Chromium (measured in bench/).
   * The stored state is read first (the idle moment does both).
   */
  let queue: Queue | null = null;
  const getQueue = () => (load(), (queue ||= createQueue(cfg, p, stats, canSend)));
  const saveSession = () => session && p.set(KEY.session, JSON.stringify(session));
  // The page may be going: the first page view still waiting is made first, then the queue
  // sends what it holds. One listener, registered now, whenever the queue is made: a
  // listener added while the exit event is being dispatched would not hear that event.
  const onExit = p.on('exit', guard(() => {
    if (firstPage) load();
    saveSession();
    queue?.exit();
  }));
  ((globalThis as { requestIdleCallback?: (f: () => void) => unknown }).requestIdleCallback || setTimeout)(guard(getQueue));
  let saveTimer: ReturnType<typeof setTimeout> | 0 = 0;

  function sessionAt(now: number): Session {
    // Another tab may have kept the session alive: look before rolling it.
    if (!session || now - session.last >= cfg.sessionTimeout) {
      const stored = parse<Session>(p.get(KEY.session));
      if (stored && (!session || stored.last > session.last)) session = stored;
    }
    const before = session;
    session = touchSession(session, now, cfg.sessionTimeout, p.uuid);
    if (session !== before) {
      saveSession();
      // A new session retries what the collector kept failing on (it may have been fixed since).
      void getQueue().unpark();
    }
    // Other tabs read the last activity to continue the session: save it soon, off the hot path.
    else saveTimer ||= setTimeout(guard(() => {
      saveTimer = 0;
      saveSession();
    }), SESSION_SAVE_DELAY_MS);
    return session;
  }

  /** Builds, filters, serialises and queues one message. The hot path: no storage I/O. */
  function enqueue(call: string, body: Record<string, unknown>, ctx = p.context(), time = at): void {
    const name = String(body.event ?? body.name ?? body.type);
    if (blocked()) {
      if (cfg.debug) warnOnce(messages.debugDropped(optedOut ? 'opted out' : 'no consent or Do Not Track', name));
      return;
    }
    const now = time ?? p.now();
    const s = sessionAt(now);
    const context = { ...ctx, sessionId: s.id } as Record<string, unknown>;
    if (groupId) context.groupId = groupId;
    const n = seq++;
    let msg: SabuMessage | null | undefined = {
      ...body,
      messageId: pageId.slice(0, 28) + n.toString(16).padStart(8, '0'),
      timestamp: new Date(now).toISOString(),
      anonymousId,
      ...(userId ? { userId } : {}),
      context,
    } as SabuMessage;
    for (const { beforeSend } of hookOwners) {
      if (beforeSend && msg) msg = beforeSend(msg);
    }
    if (!msg) {
      if (cfg.debug) warnOnce(messages.debugDropped('beforeSend returned null', name));
      return;
    }
    let text: string;
    try {
      // The one place every outgoing string passes: host data, DOM text and plugins' alike.
      text = json(call, msg);
    } catch (err) {
      stats.dropped.invalid++;
      warnOnce(messages.unserialisable(call, err));
      return;
    }
    const bytes = eventBytes(text);
    if (bytes > MAX_EVENT_BYTES) {
      stats.dropped.oversized++;
      warnOnce(messages.oversized(name, bytes, MAX_EVENT_BYTES));
      return;
    }
    // Keys sort by time, then by order of acceptance within this page.
    getQueue().add({ k: now.toString(36).padStart(9, '0') + n.toString(36).padStart(6, '0') + pageId.slice(0, PAGE_ID_CHARS), s: text });
    if (history.push(msg) > MESSAGE_HISTORY) history.shift();
    for (const l of listeners) {
      try {
        l(msg);
      } catch (err) {
        warnOnce(messages.internal(err), 'error');
      }
    }
  }

  /** Serialised for sending; each field left out is named once (call and key). */
  const json = (call: string, v: object) => stringify(v, (key) => warnOnce(messages.dropField(call, key)));
  const props = (call: string, v: unknown): Properties | null => {
    if (v == null) return {};
    if (isObject(v)) return v;
    warnOnce(messages.badObject(call, v));
    return null;
  };
  /** A non-empty string within the wire schema's limit (which the collector enforces). */
  const validName = (call: string, v: unknown, field: string, max: number): v is string => {
    if (typeof v != 'string' || !v.trim()) warnOnce(messages.badName(call, v));
    else if (v.length > max) warnOnce(messages.tooLong(call, field, v.length, max));
    else return true;
    return false;
  };

  const client = {
    track(event: unknown, properties?: unknown) {
      const pr = props('track', properties);
      if (validName('track', event, 'the event name', MAX_NAME_LENGTH) && pr) enqueue('track', { type: 'track', event, properties: pr });
    },
    /** `ctx` and `time`: the automatic first page view's (the public `page()` passes two arguments only). */
    page(name?: unknown, properties?: unknown, ctx = p.context(), time = at) {
      if (isObject(name) && properties === undefined) [name, properties] = [undefined, name];
      const pr = props('page', properties);
      if (!pr) return;
      if (typeof name == 'string' && name.length > MAX_NAME_LENGTH) return warnOnce(messages.tooLong('page', 'the page name', name.length, MAX_NAME_LENGTH));
      const pg = (ctx.page ?? {}) as Properties;
      enqueue('page', { type: 'page', ...(typeof name == 'string' ? { name } : {}), properties: { ...pg, ...pr } }, ctx, time);
    },
    identify(id?: unknown, newTraits?: unknown, options?: unknown) {
      load();
      if (isObject(id) && newTraits === undefined) [id, newTraits] = [undefined, id];
      let tr = props('identify', newTraits);
      if (!tr || (id != null && !validName('identify', id, 'userId', MAX_ID_LENGTH))) return;
      // Cleaned before the merge: a bad trait must not stay in `traits` and sink every later call.
      tr = JSON.parse(json('identify', tr)) as Properties;
      if (typeof id == 'string') p.set(KEY.user, (userId = id));
      traits = { ...traits, ...tr };
      p.set(KEY.traits, JSON.stringify(traits));
      enqueue('identify', { type: 'identify', traits: tr });
      // Identity verified by the host's backend: fetch this user's guidance state from other devices (lazily loaded chunk).
      const signature = (options as { signature?: unknown } | undefined)?.signature;
      if (typeof signature == 'string' && typeof id == 'string' && !blocked())
        syncState(cfg, id, anonymousId, signature);
    },
    group(id: unknown, groupTraits?: unknown) {
      load();
      const tr = props('group', groupTraits);
      if (!validName('group', id, 'groupId', MAX_ID_LENGTH) || !tr) return;
      p.set(KEY.group, (groupId = id));
      enqueue('group', { type: 'group', groupId: id, traits: tr });
    },
    reset() {
      load();
      anonymousId = p.uuid();
      userId = groupId = session = null;
      traits = {};
      p.set(KEY.anon, anonymousId);
      for (const k of [KEY.user, KEY.group, KEY.traits, KEY.session]) p.set(k, null);
    },
    flush: (): Promise<void> => getQueue().flush(),
    optOut() {
      load();
      optedOut = true;
      p.set(KEY.optOut, '1');
      return getQueue().clear();
    },
    optIn() {
      load();
      optedOut = false;
      p.set(KEY.optOut, null);
    },
    consent(granted: unknown) {
      load();
      consent = granted === true ? 'granted' : 'denied';
      p.set(KEY.consent, consent);
      return granted === true ? getQueue().drain() : getQueue().clear();
    },
    status(): SabuStatus {
      load();
      const { size } = getQueue(); // before `stats` is read: making the queue sets `storage`
      return { ...stats, dropped: { ...stats.dropped }, queued: size, optedOut, consent: blocked() && !optedOut ? 'denied' : consent };
    },
    /** Runs a call with the time it was made at (calls queued by the snippet). */
    _at(time: number | undefined, fn: () => void) {
      at = typeof time == 'number' ? time : undefined;
      try {
        fn();
      } finally {
        at = undefined;
      }
    },
    /** The automatic page views: the first now, then one per SPA route change. Called once, after the calls made before init() replayed. */
    _start() {
      if (!cfg.trackPages || started) return;
      started = true;
      // The page as it is now (an SPA may change the URL before the state is read).
      const ctx = p.context();
      const time = at ?? p.now();
      firstPage = () => {
        firstPage = null;
        client.page(undefined, undefined, ctx, time);
      };
      if (loaded) firstPage();
      cleanups.push(p.on('route', guard(() => client.page())));
    },
    _teardown() {
      queue?.teardown();
      cleanups.forEach((c) => c && c());
    },
  };

  const api: PluginApi = {
    track: client.track,
    onMessage(l, replay) {
      if (replay) for (const m of history) l(m);
      listeners.add(l);
      return () => listeners.delete(l);
    },
    user: () => (load(), { anonymousId, userId, groupId, traits }),
    config: cfg,
  };
  const cleanups: (void | (() => void))[] = [
    onExit,
    ...cfg.plugins.map((pl) => {
      try {
        return pl.setup?.(api);
      } catch (err) {
        warnOnce(messages.internal(err), 'error');
      }
    }),
  ];
  return client;
}
export type Client = ReturnType<typeof createClient>;
