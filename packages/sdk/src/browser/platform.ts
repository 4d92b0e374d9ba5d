import type { DeliveryResult, OutgoingRequest, Platform } from '../core/platform.js';
import { getContext } from './context.js';
import { createIdbStore } from './idbStore.js';
import { onRouteChange } from './onRouteChange.js';

/** A request still unanswered after this long is abandoned and retried, so a hung connection cannot stall the queue. */
export const REQUEST_TIMEOUT_MS = 30_000;

declare global {
  interface Navigator {
    /** https://privacycg.github.io/gpc-spec/ */
    globalPrivacyControl?: boolean;
  }
}

/** A v4 UUID. randomUUID needs a secure context; plain-http hosts get the same layout from getRandomValues. */
const uuid = (): string =>
  crypto.randomUUID?.() ??
  '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) =>
    (+c ^ (crypto.getRandomValues(new Uint8Array(1))[0]! & (15 >> (+c / 4)))).toString(16),
  );

async function gzip(text: string): Promise<ArrayBuffer> {
  return new Response(new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer();
}

async function send(r: OutgoingRequest): Promise<DeliveryResult> {
  // At exit, text/plain keeps the request "simple" (no CORS preflight to wait for).
  const headers: Record<string, string> = { 'Content-Type': r.exit ? 'text/plain' : 'application/json', ...r.headers };
  let body: BodyInit = r.body;
  if (r.compress && typeof CompressionStream == 'function') {
    try {
      body = await gzip(r.body);
      headers['Content-Encoding'] = 'gzip';
      // Not needed any more (an exit request is never compressed): a batch in flight then
      // holds its gzip bytes, outside the JavaScript heap, not its text (issue 19: a 380 KB
      // string per 500 events, on the heap until the collector answered).
      r.body = '';
    } catch {
      body = r.body;
    }
  }
  const ctrl = typeof AbortController == 'function' && !r.exit ? new AbortController() : null;
  const timer = ctrl && setTimeout(() => ctrl.abort(), REQUEST_TIMEOUT_MS);
  try {
    const res = await fetch(r.url, { method: 'POST', headers, body, keepalive: r.exit, credentials: 'omit', signal: ctrl?.signal });
    const out: DeliveryResult = { status: res.status, retryAfter: res.headers.get('Retry-After') };
    // A body that cannot be read is no answer (the SDK then sends), not a failed request.
    if (r.read) out.body = await res.text().catch(() => '');
    return out;
  } catch {
    // Where fetch has no keepalive (Firefox before 133) the request dies with the page: a
    // beacon goes on. Not elsewhere: a keepalive request still in flight when the page is
    // torn down rejects although it goes on and arrives (a beacon would send it twice), and
    // one refused for its budget would see the beacon refused too (they share it).
    if (r.exit && !('keepalive' in Request.prototype)) navigator.sendBeacon?.(r.url, new Blob([r.body], { type: 'text/plain' }));
    return { status: 0 };
  } finally {
    if (timer) clearTimeout(timer);
  }
}

/** The browser side of the core, created at `init()` (never at import). */
export function createBrowserPlatform(): Platform {
  let channel: BroadcastChannel | null = null;
  const getChannel = () => (channel ||= typeof BroadcastChannel == 'function' ? new BroadcastChannel('sabu') : null);
  const listen = (target: EventTarget, type: string, fn: (e: Event) => void) => {
    target.addEventListener(type, fn);
    return () => target.removeEventListener(type, fn);
  };
  const visibility = (state: string, cb: () => void) =>
    listen(document, 'visibilitychange', () => document.visibilityState == state && cb());

  return {
    now: Date.now,
    uuid,
    get(key) {
      try {
        return localStorage.getItem(key);
      } catch {
        return null;
      }
    },
    set(key, value) {
      try {
        if (value == null) localStorage.removeItem(key);
        else localStorage.setItem(key, value);
      } catch {
        /* storage disabled or full: identity lives for this page only */
      }
    },
    keys(prefix) {
      const out: string[] = [];
      try {
        for (let i = localStorage.length; i--; ) {
          const k = localStorage.key(i);
          if (k?.startsWith(prefix)) out.push(k);
        }
      } catch {
        /* storage disabled */
      }
      return out;
    },
    openStore(name) {
      try {
        return typeof indexedDB == 'object' && indexedDB ? createIdbStore(name) : null;
      } catch {
        return null;
      }
    },
    send,
    async lock(name, fn) {
      const locks = navigator.locks;
      if (!locks) return fn().then(() => true);
      return locks.request(name, { ifAvailable: true }, async (lock) => {
        if (!lock) return false;
        await fn();
        return true;
      });
    },
    context: getContext,
    on(event, cb) {
      if (event == 'exit') {
        const offs = [listen(window, 'pagehide', cb), visibility('hidden', cb)];
        return () => offs.forEach((off) => off());
      }
      // The page is about to navigate or reload: an exit request sent now can still be
      // answered before the page goes (at pagehide it is too late to see the answer).
      if (event == 'leave') return listen(window, 'beforeunload', cb);
      if (event == 'visible') return visibility('visible', cb);
      if (event == 'online') return listen(window, 'online', cb);
      return onRouteChange(cb);
    },
    broadcast(keys) {
      try {
        getChannel()?.postMessage(keys);
      } catch {
        /* closed channel */
      }
    },
    onBroadcast(cb) {
      // Opened when the page is idle, not in init(): a first BroadcastChannel costs 1-8 ms in
      // Chromium (measured in bench/). Until then another tab's acknowledgement is not heard:
      // at worst an event is sent again, and the collector drops the copy by messageId.
      let off: (() => void) | undefined;
      let on = true;
      (self.requestIdleCallback || setTimeout)(() => {
        const ch = on && getChannel();
        if (ch) off = listen(ch, 'message', (e) => cb((e as MessageEvent).data));
      });
      return () => {
        on = false;
        off?.();
      };
    },
    doNotTrack: () => navigator.doNotTrack == '1' || navigator.globalPrivacyControl === true,
  };
}
