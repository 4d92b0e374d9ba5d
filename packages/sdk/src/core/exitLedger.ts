import { EXIT_ID, MAX_EXIT_ASK } from '@sabu/schema/limits';
import type { DeliveryResult, Platform } from './platform.js';

/**
 * localStorage key prefix (then the write key, '.', the request's id) of what an exit
 * request carried: the record keys, written synchronously before the keepalive send and
 * removed when its answer is seen. One still there at the next start is an exit request
 * whose answer the page never saw (a reload commits before the answer comes): it may or
 * may not have arrived.
 */
export const EXIT_SENT_KEY = 'sabu_exit_';

/**
 * How long the question waits for a request it can ride on (a page view, any batch)
 * before it goes alone, from the exit that left the doubt. A lone question is a request of
 * its own, made by every quiet page after a reload; waiting costs only time, and only when
 * the exit request did not arrive (rare): its records stay stored, and a page that leaves
 * sooner leaves the question to the next one.
 */
export const ASK_ALONE_AFTER_MS = 5 * 60_000;

/** An exit request's id: 't', its time (base 36), '-', a random UUID. */
const ID_TIME = /^t([0-9a-z]{1,11})-/;

/**
 * Issue 19: what an exit request delivered is not sent again by the next page. The next
 * page holds the records of such requests back ("in doubt") and asks the collector, on a
 * request it makes anyway, whether it stored them (`exitAsk` in the body, `exitStored` in
 * the answer; docs/wire-format.md). Only a 2xx answer naming the request deletes them:
 * anything else (not stored, a failure, no answer, a collector that does not know the
 * field) sends them as before. Asked once per page, so the doubt never outlives a request;
 * alone (a request with no records) only once the doubt is ASK_ALONE_AFTER_MS old.
 */
export function createExitLedger(p: Platform, writeKey: string) {
  const prefix = EXIT_SENT_KEY + writeKey + '.';
  /** Records in doubt: key → id of the exit request that carried it. */
  const doubt = new Map<string, string>();
  /** Ids not asked yet. */
  let ask: string[] = [];
  /** This page's own exit requests: an exit can come before the start has read the marks. */
  const mine: string[] = [];
  /** When the question may go alone (see ASK_ALONE_AFTER_MS). */
  let due = Infinity;
  let hurry = false;

  return {
    _doubt: doubt,
    /** A new exit request's id: its time tells the next page how old its doubt is. */
    _id: () => 't' + p.now().toString(36) + '-' + p.uuid(),
    /** Notes, before it is sent, that the exit request `id` carries `keys`. */
    _sent(id: string, keys: string[]) {
      mine.push(id);
      p.set(prefix + id, JSON.stringify(keys));
    },
    /** Its answer came (whatever it said): the page acknowledges or keeps the records itself. */
    _answered: (id: string) => p.set(prefix + id, null),
    /**
     * At start: the earlier pages' exit requests with no answer seen. A mark it cannot
     * read, past MAX_EXIT_ASK, or when the body cannot ask (`canAsk`: other formats) is
     * removed, and its records are sent as before.
     */
    _load(canAsk: boolean) {
      for (const key of p.keys(prefix)) {
        const id = key.slice(prefix.length);
        if (mine.includes(id)) continue;
        let keys: unknown;
        try {
          keys = JSON.parse(p.get(key)!);
        } catch {
          /* not ours */
        }
        if (canAsk && ask.length < MAX_EXIT_ASK && EXIT_ID.test(id) && Array.isArray(keys)) {
          ask.push(id);
          for (const k of keys) doubt.set(k, id);
          // An id of another form, or a time to come (a clock set back): due now.
          const at = parseInt(ID_TIME.exec(id)?.[1] ?? '', 36);
          due = Math.min(due, at <= p.now() ? at + ASK_ALONE_AFTER_MS : 0);
        } else p.set(key, null);
      }
    },
    /** Forgets every mark and doubt (opt-out, consent withdrawn: the records are gone too). */
    _clear() {
      for (const key of p.keys(prefix)) p.set(key, null);
      doubt.clear();
      ask = [];
    },
    /** A question waits to be asked. */
    _waiting: () => ask.length > 0,
    /** When a waiting question may go alone, with no records to ride on (ms since the epoch; read only while one waits). */
    _due: () => (hurry ? 0 : due),
    /** The host's flush(): everything goes now, the question too. */
    _askNow: () => void (hurry = true),
    /** The ids to ask about on the request being built, once; null when there is nothing to ask. */
    _question(): string[] | null {
      const q = ask;
      ask = [];
      return q.length ? q : null;
    },
    /**
     * The answer to the request that asked `q` (all the ids in doubt): every doubt is lifted.
     * Returns the keys of the records the collector stored; the caller deletes them, like an
     * acknowledgement. The others are sent as before.
     */
    _resolve(q: string[], res: DeliveryResult): string[] {
      let said: unknown;
      try {
        said = res.status >= 200 && res.status < 300 && JSON.parse(res.body!).exitStored;
      } catch {
        /* no answer in the body: send */
      }
      const stored = [...doubt].filter(([, id]) => Array.isArray(said) && said.includes(id)).map(([k]) => k);
      doubt.clear();
      for (const id of q) p.set(prefix + id, null);
      return stored;
    },
  };
}
export type ExitLedger = ReturnType<typeof createExitLedger>;
