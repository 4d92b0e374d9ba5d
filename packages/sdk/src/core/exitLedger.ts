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
 * Issue 19: what an exit request delivered is not sent again by the next page. The next
 * page holds the records of such requests back ("in doubt") and asks the collector, on a
 * request it makes anyway, whether it stored them (`exitAsk` in the body, `exitStored` in
 * the answer; docs/wire-format.md). Only a 2xx answer naming the request deletes them:
 * anything else (not stored, a failure, no answer, a collector that does not know the
 * field) sends them as before. Asked once per page, so the doubt never outlives a request.
 */
export function createExitLedger(p: Platform, writeKey: string) {
  const prefix = EXIT_SENT_KEY + writeKey + '.';
  /** Records in doubt: key → id of the exit request that carried it. */
  const doubt = new Map<string, string>();
  /** Ids not asked yet. */
  let ask: string[] = [];
  /** This page's own exit requests: an exit can come before the start has read the marks. */
  const mine: string[] = [];

  return {
    _doubt: doubt,
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
