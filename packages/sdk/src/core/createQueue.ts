import { MAX_BATCH_BYTES } from '@sabu/schema/limits';
import type { SabuStatus } from '../types.js';
import { backoffDelay, isRetryable, parseRetryAfter } from './backoff.js';
import { buildBody } from './formats.js';
import { messages, warnOnce } from './messages.js';
import type { Platform } from './platform.js';
import { createMemoryStore, type QueueRecord, type QueueStore } from './store.js';
import type { ResolvedConfig } from './validateConfig.js';

/**
 * keepalive requests share a 64 KiB budget per page (Fetch spec, "inflight keepalive
 * bytes"); exit bodies stay under it with room for headers.
 */
export const EXIT_CHUNK_BYTES = 60_000;
/**
 * Most events in one request. `batchSize` decides when to send; a request then carries
 * everything waiting up to this (and MAX_BATCH_BYTES), so a backlog after an outage or a
 * burst goes in a few requests rather than hundreds.
 */
export const MAX_BATCH_EVENTS = 500;
/**
 * An IndexedDB call that has not settled by then is treated as failed (memory fallback):
 * some engines leave `indexedDB.open` pending forever (Safari 14.1, see
 * jakearchibald/safari-14-idb-fix), which would otherwise stall delivery.
 */
export const STORAGE_TIMEOUT_MS = 5000;

/**
 * The delivery pipeline: accept → persist → batch → send → acknowledge.
 *
 * - Every record goes to the page's in-memory mirror at once (so page exit can send it
 *   synchronously) and to the durable store soon after, in one transaction per task.
 * - Only records the durable store holds are sent in normal operation ("persisted before
 *   sent"); they are deleted after a 2xx. With no durable store the mirror is the queue.
 * - One drain at a time per origin: a cross-tab lock wraps it, and the durable store is
 *   read under it, so two tabs never send the same stored record concurrently.
 */
export function createQueue(cfg: ResolvedConfig, p: Platform, stats: SabuStatus, canSend: () => boolean) {
  const mirror = createMemoryStore();
  const max = cfg.maxQueueSize;
  let durable: QueueStore | null = p.openStore('sabu-' + cfg.writeKey);
  let pending: QueueRecord[] = [];
  let persisting: Promise<unknown> = Promise.resolve();
  let ready = 0;
  let timer: ReturnType<typeof setTimeout> | 0 = 0;
  let retryTimer: ReturnType<typeof setTimeout> | 0 = 0;
  let attempt = 0;
  let draining: Promise<void> | null = null;
  const exitSent = new Set<string>();
  stats.storage = durable ? 'indexeddb' : 'memory';

  const debug = (text: string) => cfg.debug && warnOnce(text);

  function fallBack(err: unknown) {
    if (!durable) return;
    durable = null;
    stats.storage = 'memory';
    debug(messages.storageFallback(err));
  }

  function countOverflow(n: number) {
    if (n > 0) {
      stats.dropped.overflow += n;
      warnOnce(messages.overflow(max));
    }
  }

  function add(rec: QueueRecord) {
    const map = mirror._map;
    map.set(rec.k, rec);
    if (map.size > max) {
      map.delete(map.keys().next().value!);
      if (!durable) countOverflow(1);
    }
    pending.push(rec);
    if (pending.length == 1) setTimeout(persist, 0);
  }

  /** Writes what was accepted since the last write in one transaction. */
  function persist(): Promise<unknown> {
    const recs = pending;
    pending = [];
    if (!recs.length) return persisting;
    return (persisting = persisting.then(async () => {
      if (durable) {
        try {
          countOverflow(await settle(durable.put(recs, max)));
        } catch (err) {
          fallBack(err);
        }
      }
      ready += recs.length;
      schedule();
    }));
  }

  function schedule() {
    if (!canSend() || retryTimer) return;
    if (ready >= cfg.batchSize) void drain();
    else if (!timer) timer = setTimeout(onTimer, cfg.flushInterval);
  }

  function settle<T>(op: Promise<T>): Promise<T> {
    return Promise.race([op, new Promise<T>((_, fail) => setTimeout(fail, STORAGE_TIMEOUT_MS, 'IndexedDB timeout'))]);
  }

  function head(n: number): Promise<QueueRecord[]> {
    return durable ? settle(durable.head(n)).catch((err) => (fallBack(err), mirror.head(n))) : mirror.head(n);
  }

  async function ack(recs: QueueRecord[]) {
    const keys = recs.map((r) => r.k);
    if (durable) await durable.del(keys).catch(fallBack);
    await mirror.del(keys);
    p.broadcast(keys);
  }

  function post(recs: QueueRecord[], exit?: boolean) {
    const body = buildBody(cfg.format, recs.map((r) => r.s), cfg.writeKey, new Date(p.now()).toISOString());
    return p.send({
      url: cfg.endpoint,
      body,
      headers: cfg.headers,
      exit,
      compress: cfg.compression && !exit && body.length > 1024,
    });
  }

  /** Sends one batch; true when the loop may go on, false when it must wait for a retry. */
  async function sendRecords(recs: QueueRecord[]): Promise<boolean> {
    const bytes = recs.reduce((n, r) => n + r.s.length, 0);
    const res = bytes > MAX_BATCH_BYTES && recs.length > 1 ? { status: 413 } : await post(recs);
    const { status } = res;
    if (status >= 200 && status < 300) {
      stats.sent += recs.length;
      attempt = 0;
      await ack(recs);
      return true;
    }
    if (status == 413 && recs.length > 1) {
      const half = recs.length >> 1;
      return (await sendRecords(recs.slice(0, half))) && sendRecords(recs.slice(half));
    }
    if (!isRetryable(status)) {
      // Retrying a refused event cannot succeed; the collector stored the valid ones of the batch.
      stats.dropped.rejected += recs.length;
      warnOnce(messages.rejected(status, recs.length));
      await ack(recs);
      return true;
    }
    const delay = backoffDelay(attempt++, parseRetryAfter(res.retryAfter, p.now()));
    retryTimer = setTimeout(() => {
      retryTimer = 0;
      void drain();
    }, delay);
    return false;
  }

  /** Sends everything stored, batch after batch, until empty or a failure asks to wait. */
  function drain(): Promise<void> {
    if (!canSend() || retryTimer) return Promise.resolve();
    return (draining ||= (async () => {
      clearTimeout(timer);
      timer = 0;
      await persist();
      const got = await p.lock('sabu-send-' + cfg.writeKey, async () => {
        for (;;) {
          // Records stored while the read is under way may miss it: only those counted
          // before it are known to be gone when it comes back empty.
          const before = ready;
          const recs = await head(MAX_BATCH_EVENTS);
          if (!recs.length) {
            ready = Math.max(0, ready - before);
            return;
          }
          if (!(await sendRecords(recs))) return;
        }
      });
      // Another tab is sending the shared queue (ours included); look again later.
      if (!got && !timer) timer = setTimeout(onTimer, cfg.flushInterval);
    })()
      .catch((err) => warnOnce(messages.internal(err), 'error'))
      .finally(() => {
        draining = null;
        // Stored while this drain was finishing: its own trigger found the drain busy.
        if (ready) schedule();
      }));
  }

  /** The flush timer: forget it first, so a drain already running cannot leave it stale. */
  function onTimer() {
    timer = 0;
    void drain();
  }

  /**
   * The page may be going away: send every record not yet acknowledged, now, with
   * keepalive. If the page survives (a hidden tab), the answers acknowledge as usual;
   * if not, the records stay stored and go again next visit, and the collector drops the
   * copy by messageId.
   */
  function exit() {
    persist();
    if (!canSend()) return;
    let chunk: QueueRecord[] = [];
    let size = 0;
    const go = () => {
      if (!chunk.length) return;
      const recs = chunk;
      void post(recs, true).then((r) => {
        if (r.status >= 200 && r.status < 300) {
          stats.sent += recs.length;
          return ack(recs);
        }
      });
      chunk = [];
      size = 0;
    };
    for (const r of mirror._map.values()) {
      if (exitSent.has(r.k)) continue;
      exitSent.add(r.k);
      if (size + r.s.length > EXIT_CHUNK_BYTES) go();
      chunk.push(r);
      size += r.s.length + 1;
    }
    go();
  }

  const cleanups = [
    p.on('exit', exit),
    p.on('visible', () => exitSent.clear()),
    p.on('online', () => {
      clearTimeout(retryTimer);
      retryTimer = 0;
      void drain();
    }),
    p.onBroadcast((keys) => void mirror.del(keys)),
  ];

  // Events left by an earlier page load (or a tab that closed) go out now.
  void head(1).then((r) => {
    if (r.length) void drain();
  });

  return {
    add,
    drain,
    get size() {
      return mirror._map.size;
    },
    /** Forgets everything stored (opt-out, consent withdrawn). */
    clear(): Promise<void> {
      pending = [];
      return Promise.all([mirror.clear(), durable?.clear().catch(fallBack)]).then(() => {});
    },
    teardown() {
      cleanups.forEach((c) => c());
      clearTimeout(timer);
      clearTimeout(retryTimer);
    },
  };
}
export type Queue = ReturnType<typeof createQueue>;
