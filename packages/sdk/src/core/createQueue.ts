import { MAX_BATCH_BYTES } from '@sabu/schema/limits';
import type { SabuStatus } from '../types.js';
import { backoffDelay, isRetryable, parseRetryAfter } from './backoff.js';
import { createExitLedger } from './exitLedger.js';
import { buildBody } from './formats.js';
import { guard } from './guard.js';
import { messages, warnOnce } from './messages.js';
import type { OutgoingRequest, Platform } from './platform.js';
import { stash, unstash } from './stash.js';
import { createMemoryStore, PAGE_ID_CHARS, PARKED, type QueueRecord, type QueueStore } from './store.js';
import { utf8Bytes } from './text.js';
import type { ResolvedConfig } from './validateConfig.js';

/**
 * keepalive requests share a 64 KiB budget per page: the bodies of all those in flight
 * together, in bytes (Fetch spec, "inflight keepalive bytes"); a request past it is
 * refused. Exit bodies fill it, with room to spare for what the browser counts besides.
 */
export const EXIT_QUOTA_BYTES = 64 * 1024 - 512;
/**
 * Every this many whole batches answered with a 5xx in a row, the batch is split to find
 * an event the collector cannot take (say, text it fails to store): without it one such
 * event would hold back every later one, across reloads. Not every time: in an outage
 * each round costs several requests.
 */
export const ISOLATE_AFTER = 3;
/**
 * While splitting, this many failed requests with nothing delivered means the collector
 * is down rather than one event being bad: stop and back off (an outage parks nothing).
 */
export const ISOLATE_MAX_MISSES = 12;
/** Network failures in a row (no HTTP answer at all) before the one message about it. */
export const UNREACHABLE_AFTER = 3;

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
 * localStorage key (then the write key) of the records the collector acknowledged whose
 * deletion from the store may not have finished: the page can go away between the answer
 * and the end of the delete (an exit request's answer comes as the page goes). The next
 * start deletes them rather than sending them again. Only an answer seen writes a key
 * here: without one, the records stay and are sent again (the collector drops the copy by
 * messageId).
 */
export const EXIT_ACKED_KEY = 'sabu_acked_';
/**
 * localStorage key prefix (then the write key, '.', the page's id) of the records a page
 * leaving had to write there: those its durable store could not take in time (a write
 * waiting for IndexedDB to open is lost with the page), or all it holds where it has no
 * durable store. The next start takes them into its store. Removed once the page sees them
 * safe (the write done, or the page shown again).
 */
export const EXIT_SPILL_KEY = 'sabu_spill_';
/** Most UTF-16 units of record text one page spills: localStorage holds about 5 M per origin, shared with the host app. */
export const SPILL_MAX_CHARS = 1 << 19;

/** The records of a spill (see EXIT_SPILL_KEY), or none if the text is not one. */
function readSpill(text: string | null): QueueRecord[] {
  try {
    const v: unknown = JSON.parse(text!);
    return Array.isArray(v) ? v.filter((x) => Array.isArray(x) && typeof x[0] == 'string' && x[0] < PARKED && typeof x[1] == 'string').map(([k, s]) => ({ k, s })) : [];
  } catch {
    return [];
  }
}

/**
 * The delivery pipeline: accept → persist → batch → send → acknowledge.
 *
 * - Every record goes to the page's in-memory mirror at once (so page exit can send it
 *   synchronously) and to the durable store soon after, in one transaction per task (or
 *   per MAX_BATCH_EVENTS records in a burst). Once the open store has taken a write, the
 *   mirror keeps the text of only as many records as one exit request can carry
 *   (EXIT_QUOTA_BYTES), and the rest wait off the heap until the write settles (see
 *   written): a burst of 10,000 events is not held in the heap while it is written.
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
  const ackedKey = EXIT_ACKED_KEY + cfg.writeKey;
  const spillPrefix = EXIT_SPILL_KEY + cfg.writeKey + '.';
  /** What exit requests carried with no answer seen (see exitLedger): only the Segment body carries the question. */
  const ledger = createExitLedger(p, cfg.writeKey);
  const doubt = ledger._doubt;
  const asks = cfg.format == 'segment';
  /**
   * Before anything is read from the store: records earlier pages spilled at exit (see
   * EXIT_SPILL_KEY) are taken in, then those an earlier page's exit request delivered (see
   * EXIT_ACKED_KEY) are deleted, not sent again; those of exit requests whose answer no
   * page saw are held back until the collector says whether it stored them (exitLedger).
   */
  async function reconcile() {
    for (const key of p.keys(spillPrefix)) {
      const recs = readSpill(p.get(key));
      if (recs.length) {
        if (durable) {
          // The leaving page's own write may have landed after all: replaced, not doubled.
          await settle(durable.del(recs.map((r) => r.k)))
            .then(() => settle(durable!.put(recs, max)))
            .then(countOverflow, fallBack);
        }
        // No durable store (or it just failed): the mirror is the queue.
        if (!durable) for (const r of recs) mirror._map.has(r.k) || keep(r);
        ready += recs.length;
      }
      p.set(key, null);
    }
    ledger._load(asks);
    const keys = p.get(ackedKey)?.split(',');
    if (!keys) return;
    await drop(keys);
    p.set(ackedKey, null);
  }

  /** Deletes records known delivered (by an earlier page's exit request) without sending them. */
  async function drop(keys: string[]) {
    if (durable) await settle(durable.del(keys)).catch(fallBack);
    else forget(keys);
  }
  let persisting: Promise<unknown> = Promise.resolve();
  /** Writes started while the durable store was not open yet, until they settle: what a page leaving now would lose (see spill). */
  const unsafe = new Set<QueueRecord[]>();
  /** Times the host cleared the queue: a write started before a clear gives nothing back to the mirror (see written). */
  let clears = 0;
  /** This page wrote a spill that may still be there. */
  let spilled = false;
  /** An exit event came and the page was not shown again since: it may go at any moment. */
  let leaving = false;
  let ready = 0;
  let timer: ReturnType<typeof setTimeout> | 0 = 0;
  let retryTimer: ReturnType<typeof setTimeout> | 0 = 0;
  /** When the question about an earlier page's exit request may go alone (see exitLedger). */
  let askTimer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;
  /** Whole batches answered 5xx in a row; network failures in a row. */
  let serverFails = 0;
  let netFails = 0;
  /** Split from the other end on alternate rounds, so a run of bad events at one end cannot hide the good ones. */
  let flip = false;
  /**
   * While a failing batch is split (see {@link ISOLATE_AFTER}): the events refused alone,
   * whether anything got through, and the requests failed so far. Null otherwise.
   */
  let refused: QueueRecord[] | null = null;
  let through = false;
  let misses = 0;
  let draining: Promise<void> | null = null;
  const exitSent = new Set<string>();
  /** Bytes of this page's keepalive bodies not yet answered (they count against the quota). */
  let inflight = 0;
  /** UTF-16 units of the texts the mirror holds (never fewer than their UTF-8 bytes). */
  let kept = 0;
  /**
   * This page's records written to the durable store and set aside from the mirror (see
   * `release`): counted, not held. Keeping their keys cost more heap than the rest of a
   * burst (issue 19: 10,000 keys and the Map's table, about 640 KB, right after the loop).
   * A count, so a key acknowledged twice (another tab's drain and this page's exit request
   * carrying the same record) counts twice: `status().queued` may then read low; what is
   * sent never depends on it (the store holds the records).
   */
  let released = 0;
  /** The end of this page's record keys (see QueueRecord.k), known from the first one. */
  let page = '';
  /** A waiting (not parked) record this page made: other tabs' share the store, not this page's mirror. */
  const ours = (k: string) => !!page && k < PARKED && k.endsWith(page);
  let offLeave: (() => void) | undefined;
  stats.storage = durable ? 'indexeddb' : 'memory';

  const debug = (text: string) => cfg.debug && warnOnce(text);
  const guardErr = (err: unknown) => warnOnce(messages.internal(err), 'error');

  function fallBack(err: unknown) {
    if (!durable) return;
    durable = null;
    stats.storage = 'memory';
    // Records set aside are in the store that failed: they wait there for the next page.
    // Those whose write had not settled yet come back into the mirror (see written).
    released = 0;
    debug(messages.storageFallback(err));
  }

  /** Sets the text of records the store has (or has taken) aside, newest first, while the mirror holds more than an exit can send. */
  function release(recs: QueueRecord[]) {
    const map = mirror._map;
    for (let i = recs.length; i-- && kept > EXIT_QUOTA_BYTES; ) {
      const r = recs[i]!;
      if (map.get(r.k) == r) {
        map.delete(r.k);
        released++;
        kept -= r.s.length;
      }
    }
  }

  /** Takes texts read back from the store into the mirror again while there is room (they are the next to go). */
  function retain(recs: QueueRecord[]) {
    const map = mirror._map;
    for (const r of recs) {
      if (kept >= EXIT_QUOTA_BYTES) return;
      if (released && ours(r.k) && !map.has(r.k)) {
        released--;
        keep(r);
      }
    }
  }

  /** Drops acknowledged records from the mirror. */
  function forget(keys: string[]) {
    const map = mirror._map;
    for (const k of keys) {
      const r = map.get(k);
      if (r) kept -= r.s.length;
      else if (released && ours(k)) released--;
      map.delete(k);
    }
    if (!map.size && !released) offLeave = void offLeave?.();
  }

  function countOverflow(n: number) {
    if (n > 0) {
      stats.dropped.overflow += n;
      warnOnce(messages.overflow(max));
    }
  }

  /** Holds a record's text in the mirror (what page exit can send). */
  function keep(r: QueueRecord) {
    // Only while this page holds unacknowledged records (see Platform.on).
    offLeave ||= p.on('leave', guard(exit));
    mirror._map.set(r.k, r);
    kept += r.s.length;
  }

  function add(rec: QueueRecord) {
    const map = mirror._map;
    page ||= rec.k.slice(-PAGE_ID_CHARS);
    keep(rec);
    if (map.size > max) {
      forget([map.keys().next().value!]);
      if (!durable) countOverflow(1);
    }
    pending.push(rec);
    if (pending.length == 1) setTimeout(guard(persist), 0);
    // A long burst is written while it lasts, a batch at a time, bound later (the task's
    // last write): the store can commit it meanwhile, and its texts leave the heap sooner.
    else if (pending.length >= MAX_BATCH_EVENTS && durable) persist(Infinity);
  }

  /**
   * Writes what was accepted since the last write in one transaction, started now (the
   * store copies the records at once), bounding the store to `bound` records.
   */
  function persist(bound = max): Promise<unknown> {
    const recs = pending;
    pending = [];
    if (!recs.length) return persisting;
    // No closure here may use `recs` (see written: the minifier inlines it into this function).
    const n = recs.length;
    const open = durable?.ready?.() ?? true;
    if (!open) unsafe.add(recs);
    const put = durable?.put(recs, bound);
    // Accepted after the page spilled (a hidden tab lives on): the spill follows.
    if (spilled) spill();
    return (persisting = persisting.then(put ? written(put, recs, open) : () => stored(n)).catch(guardErr));
  }

  /**
   * What follows a write once it settles. A write the open store took in this task (the
   * browser has its copy) lets the texts go from the mirror now, not when it commits,
   * which a burst's loop holds back (issue 19: the whole burst was on the heap right after
   * the loop); until it settles they wait off the heap, and should it fail they come back
   * into the mirror, which is then the queue (memory fallback), as if they had stayed. A
   * write still waiting for the store to open keeps them (the spill at exit needs them
   * synchronously). (A durable store means IndexedDB, and every browser with it has Blob.)
   * `recs` is not used in the returned step: V8 gives a function call's closures one
   * shared context, so a step that used it would keep it.
   */
  function written(put: Promise<number>, recs: QueueRecord[], open: boolean) {
    const n = recs.length;
    const epoch = clears;
    const aside = open && stash(recs);
    const held = aside ? null : recs;
    if (aside) release(recs);
    return async () => {
      try {
        countOverflow(await settle(put));
        if (durable && held) release(held);
      } catch (err) {
        fallBack(err);
      }
      if (held) unsafe.delete(held);
      // Without a durable store now (this write failed, or an earlier one), this page
      // delivers from its mirror; unless the host cleared the queue meanwhile.
      else if (!durable && epoch == clears) for (const r of await unstash(aside as Blob)) mirror._map.has(r.k) || keep(r);
      stored(n);
    };
  }

  /** Records written (or, without a durable store, kept in the mirror): they may be sent. */
  function stored(n: number) {
    // Safe in the store now: the spill would only make the next page write them again.
    if (spilled && durable && !unsafe.size) unspill();
    ready += n;
    schedule();
  }

  function schedule() {
    if (!canSend() || retryTimer) return;
    if (ready >= cfg.batchSize) void drain();
    // A drain under way sends this too, or schedules again when it ends (see drain).
    else if (!timer && !draining) timer = setTimeout(onTimer, cfg.flushInterval);
  }

  function retry(res: { retryAfter?: string | null }) {
    const delay = backoffDelay(attempt++, parseRetryAfter(res.retryAfter, p.now()));
    retryTimer = setTimeout(() => {
      retryTimer = 0;
      void drain();
    }, delay);
  }

  /** `op`, or a failure after STORAGE_TIMEOUT_MS; the timer goes with the answer (a burst made dozens, each a task 5 s later). */
  function settle<T>(op: Promise<T>): Promise<T> {
    let t: ReturnType<typeof setTimeout>;
    return Promise.race([op, new Promise<T>((_, fail) => (t = setTimeout(fail, STORAGE_TIMEOUT_MS, 'IndexedDB timeout')))]).finally(() => clearTimeout(t));
  }

  function head(n: number): Promise<QueueRecord[]> {
    return durable ? settle(durable.head(n)).catch((err) => (fallBack(err), mirror.head(n))) : mirror.head(n);
  }

  async function ack(recs: QueueRecord[]) {
    const keys = recs.map((r) => r.k);
    if (durable) {
      // Once the page may be going (an exit event came), marked synchronously (it survives
      // the page) until the delete is done: an exit request's answer comes as the page goes.
      // Not before: three localStorage calls per batch were 49 ms of a 10,000-event burst,
      // and a page that goes during a delete only sends those again (the collector drops
      // the copy). Another tab's mark may go with the clearing: sent again, never lost.
      const mark = leaving;
      if (mark) p.set(ackedKey, [p.get(ackedKey), ...keys].join());
      await durable.del(keys).then(() => mark && p.set(ackedKey, null), fallBack);
    }
    // Only this page's mirror holds this page's records: the others are what another tab
    // (or an earlier page) may still hold, and only they are worth a message (a posted key
    // list costs the page about 1 µs a key; a burst acknowledges nothing but its own).
    const theirs = keys.filter((k) => !ours(k));
    forget(keys);
    // Without a durable store the spill is all the page holds: it follows what is left.
    if (spilled && !durable) spill();
    if (theirs.length) p.broadcast(theirs);
  }

  /** A request for `body`, made where it is sent: no function waiting for the answer holds the text (the platform drops it once compressed). */
  const request = (body: string, read: boolean): OutgoingRequest => ({ url: cfg.endpoint, body, headers: cfg.headers, compress: cfg.compression && body.length > 1024, read });

  /** Sends records; the first request after start also asks about earlier exit requests (see exitLedger). */
  async function post(recs: QueueRecord[]) {
    const q = ledger._question();
    const res = await p.send(request(buildBody(cfg.format, recs.map((r) => r.s), cfg.writeKey, new Date(p.now()).toISOString(), q ? ',"exitAsk":' + JSON.stringify(q) : ''), !!q));
    // Stored by the collector: gone like an acknowledgement. The rest is sent as before
    // (a drain reads the store again after each request).
    if (q) {
      const stored = ledger._resolve(q, res);
      if (stored.length) await drop(stored);
    }
    return res;
  }

  async function delivered(recs: QueueRecord[]) {
    stats.sent += recs.length;
    attempt = serverFails = 0;
    await ack(recs);
  }

  /**
   * Sends one batch; true when the loop may go on, false when it must wait for a retry.
   * While isolating (`refused` set), a 5xx splits the batch in halves down to single
   * events, and a single event refused alone joins `refused`.
   */
  async function sendRecords(recs: QueueRecord[]): Promise<boolean> {
    const bytes = recs.reduce((n, r) => n + r.s.length, 0);
    const res = bytes > MAX_BATCH_BYTES && recs.length > 1 ? { status: 413 } : await post(recs);
    const { status } = res;
    netFails = status ? 0 : netFails + 1;
    if (netFails == UNREACHABLE_AFTER) warnOnce(messages.unreachable(cfg.endpoint), 'error');
    if (status >= 200 && status < 300) {
      through = true;
      await delivered(recs);
      return true;
    }
    const split = async () => {
      const half = recs.length >> 1;
      const parts = [recs.slice(0, half), recs.slice(half)];
      if (refused && flip) parts.reverse();
      return (await sendRecords(parts[0]!)) && sendRecords(parts[1]!);
    };
    if (status == 413 && recs.length > 1) return split();
    if (!isRetryable(status)) {
      // Retrying a refused event cannot succeed; the collector stored the valid ones of the batch.
      stats.dropped.rejected += recs.length;
      warnOnce(messages.rejected(status, recs.length));
      await ack(recs);
      return true;
    }
    if (status >= 500 && refused) {
      if (!through && ++misses > ISOLATE_MAX_MISSES) return false;
      if (recs.length > 1) return split();
      refused.push(recs[0]!);
      return true;
    }
    if (status >= 500 && !refused && ++serverFails % ISOLATE_AFTER == 0) {
      const bad: QueueRecord[] = (refused = []);
      flip = !flip;
      through = false;
      misses = 0;
      const go = recs.length > 1 ? await split() : (bad.push(recs[0]!), true);
      refused = null;
      // Refused alone while others got through: that event is the problem, not the collector.
      if (go && through) {
        if (bad.length) await park(bad);
        return true;
      }
    } else if (refused) return false;
    retry(res);
    return false;
  }

  /**
   * Sets events the collector keeps failing on aside (kept under a {@link PARKED} key,
   * counted in `status().parked`, out of the way of the rest) until {@link unpark}.
   */
  async function park(recs: QueueRecord[]) {
    await (durable || mirror).put(recs.map((r) => ({ k: PARKED + r.k, s: r.s })), max);
    await ack(recs);
    stats.parked += recs.length;
    warnOnce(messages.parked(recs.length));
  }

  /**
   * A new session tries the parked events once more (the collector may have been fixed
   * since): delivered, they are gone; refused again, they stay parked for the next one.
   */
  async function unpark() {
    const recs = await (durable || mirror).parked();
    if (recs.length && canSend() && ((await post(recs)).status / 100 | 0) == 2) {
      stats.parked -= recs.length;
      await delivered(recs);
    }
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
          // What an exit request carries is not sent twice meanwhile (the page may live on
          // for a while after beforeunload).
          // Nor what waits for the collector's word on an earlier page's exit request.
          const recs = (await head(MAX_BATCH_EVENTS + doubt.size)).filter((r) => !exitSent.has(r.k) && !doubt.has(r.k)).slice(0, MAX_BATCH_EVENTS);
          if (!recs.length) {
            // Nothing to carry the question: once it waited long enough, it goes alone
            // (once), then what it frees.
            if (ledger._waiting() && p.now() >= ledger._due()) {
              await post([]);
              continue;
            }
            ready = Math.max(0, ready - before);
            return;
          }
          retain(recs);
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

  const spillKey = () => spillPrefix + page;
  function unspill() {
    spilled = false;
    p.set(spillKey(), null);
  }

  /**
   * The page may be going away: what it would lose with it is written where the next page
   * finds it (localStorage, synchronous): the writes still waiting for the durable store to
   * open, or, without a durable store, every record not acknowledged. Oldest first, up to
   * SPILL_MAX_CHARS. Usually nothing: an open store takes a write in the same task.
   */
  function spill() {
    const recs = durable ? [...unsafe].flat() : [...mirror._map.values()].filter((r) => r.k < PARKED);
    if (!recs.length) return spilled && unspill();
    const out: Array<[string, string]> = [];
    let chars = 0;
    for (const r of recs) {
      if ((chars += r.s.length) > SPILL_MAX_CHARS) break;
      out.push([r.k, r.s]);
    }
    spilled = true;
    p.set(spillKey(), JSON.stringify(out));
  }

  /**
   * The page may be going away: send the records not yet acknowledged, now, with
   * keepalive, oldest first, as many as the keepalive quota still holds (in UTF-8 bytes);
   * the rest stay stored for the next visit. If the page survives (a hidden tab), the
   * answers acknowledge as usual; if not, the next visit asks the collector whether it
   * stored them (see exitLedger) and sends them again unless it did.
   */
  function exit() {
    leaving = true;
    persist();
    spill();
    if (!canSend()) return;
    const room = EXIT_QUOTA_BYTES - inflight;
    const recs: QueueRecord[] = [];
    // Named, so the next page can ask whether it arrived (see exitLedger).
    const id = asks ? ledger._id() : '';
    const extra = id && `,"exitId":"${id}"`;
    // The envelope (`{"batch":[...],"sentAt":...,"writeKey":...}`) on top of the records.
    let size = 80 + extra.length + utf8Bytes(cfg.writeKey);
    for (const r of mirror._map.values()) {
      if (exitSent.has(r.k) || r.k >= PARKED || doubt.has(r.k)) continue;
      size += utf8Bytes(r.s) + 1;
      if (size > room) break;
      recs.push(r);
    }
    // Other formats build other bodies: measure the real one.
    let body = '';
    while (recs.length && utf8Bytes((body = buildBody(cfg.format, recs.map((r) => r.s), cfg.writeKey, new Date(p.now()).toISOString(), extra))) > room) recs.pop();
    if (!recs.length) return;
    // Synchronously, before the send: the page may be gone before the answer comes.
    if (id) ledger._sent(id, recs.map((r) => r.k));
    for (const r of recs) exitSent.add(r.k);
    const bytes = utf8Bytes(body);
    inflight += bytes;
    void p
      .send({ url: cfg.endpoint, body, headers: cfg.headers, exit: true })
      .then(async (r) => {
        // Answered: this page acknowledges (EXIT_ACKED_KEY) or keeps the records itself.
        if (r.status && id) ledger._answered(id);
        if (r.status >= 200 && r.status < 300) {
          await delivered(recs);
          // Room again in the mirror: texts set aside go back into it for a later exit.
          retain(await head(MAX_BATCH_EVENTS));
        }
        // Refused: a later exit may send them again. No answer (status 0) is no refusal: a
        // keepalive request in flight when the page is torn down rejects, and yet arrives.
        else if (r.status) for (const x of recs) exitSent.delete(x.k);
      })
      .catch(guardErr)
      .finally(() => (inflight -= bytes));
  }

  // Every entry point from the page is guarded: no error of ours reaches it. Page exit
  // comes from the client (see `exit` below), which may make the queue during that event.
  const cleanups = [
    p.on('visible', () => {
      exitSent.clear();
      leaving = false;
      // The page lives on and holds them: a spill would only be sent again by another page.
      if (spilled) unspill();
    }),
    p.on(
      'online',
      guard(() => {
        clearTimeout(retryTimer);
        retryTimer = 0;
        return drain();
      }),
    ),
    // Another script of the page may post on a channel of the same name.
    p.onBroadcast(guard(forget)),
  ];

  // Events left by an earlier page load (or a tab that closed) go out now. Drains wait
  // for the reconciliation (they wait for `persisting`).
  persisting = persisting.then(reconcile).catch(guardErr);
  void persisting.then(() => head(doubt.size + 1)).then((r) => {
    const first = r.find((x) => !doubt.has(x.k));
    // This page's own records (newer than any left over) wait for their batch.
    if (first && !ours(first.k)) void drain();
    // Only records in doubt: the question rides on this page's first batch, or goes alone
    // when due (see drain), and not before flushInterval: a page view may come meanwhile.
    else if (!first && ledger._waiting()) askTimer = setTimeout(guard(drain), Math.max(cfg.flushInterval, ledger._due() - p.now()));
  });
  void durable
    ?.parked()
    .then((r) => (stats.parked += r.length))
    .catch(fallBack);

  return {
    add,
    drain,
    /** The page may be going away: see {@link exit}. The client calls it at `exit`, guarded. */
    exit,
    /** A drain that starts once the one under way (if any) is done: it sends what was accepted after that one had looked. */
    flush: () => (ledger._askNow(), Promise.resolve(draining).then(drain)),
    unpark,
    get size() {
      return mirror._map.size + released;
    },
    /** Forgets everything stored (opt-out, consent withdrawn). */
    clear(): Promise<void> {
      pending = [];
      kept = released = 0;
      clears++;
      stats.parked = 0;
      unsafe.clear();
      if (spilled) unspill();
      ledger._clear();
      return Promise.all([mirror.clear(), durable?.clear().catch(fallBack)]).then(() => {});
    },
    teardown() {
      cleanups.forEach((c) => c());
      offLeave?.();
      clearTimeout(timer);
      clearTimeout(retryTimer);
      clearTimeout(askTimer);
    },
  };
}
export type Queue = ReturnType<typeof createQueue>;
