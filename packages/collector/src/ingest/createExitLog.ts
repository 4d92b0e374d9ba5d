/**
 * How long an exit request is remembered. A reload asks within seconds; a tab closed today
 * and opened next week finds the id forgotten, and the SDK then sends the records again
 * (the store drops the copies by messageId): a duplicate on the wire, never a loss.
 */
export const EXIT_TTL_MS = 24 * 60 * 60 * 1000;
/**
 * Most exit requests remembered per project, the oldest forgotten first: an id (36
 * characters from the SDK) and a time, about 150 bytes each, so at most about 3 MB a project.
 */
export const EXITS_PER_PROJECT = 20_000;

/**
 * Which exit requests (`exitId` in the body; see the SDK's exitLedger) this process stored
 * and acknowledged, so that the next page of a reload can ask (`exitAsk`) instead of
 * sending their events again. In memory, per process: a restarted collector, or another
 * process behind a load balancer, answers that it does not know, and the SDK sends: never
 * a loss, at worst today's duplicate.
 */
export function createExitLog(now: () => number = Date.now) {
  /** Project → exit id → when it was stored; a Map keeps insertion order, so oldest first. */
  const projects = new Map<string, Map<string, number>>();
  /** Exit requests being stored right now: a question about one waits for its outcome. */
  const storing = new Map<string, Promise<unknown>>();
  const key = (project: string, id: string) => project + '\u0000' + id;

  return {
    /** `work` stores the exit request `id`; questions about it meanwhile wait for it. Resolves as `work`. */
    storing<T>(project: string, id: string, work: Promise<T>): Promise<T> {
      const k = key(project, id);
      const done = work.finally(() => storing.get(k) == done && storing.delete(k));
      storing.set(k, done);
      return done;
    },
    /** The exit request `id` was stored and is acknowledged with a 2xx. */
    stored(project: string, id: string) {
      let ids = projects.get(project);
      if (!ids) projects.set(project, (ids = new Map()));
      ids.delete(id);
      const t = now();
      ids.set(id, t);
      for (const [old, at] of ids) {
        if (ids.size <= EXITS_PER_PROJECT && t - at < EXIT_TTL_MS) break;
        ids.delete(old);
      }
    },
    /** The ids among `asked` this process stored (and remembers), once those being stored are done. */
    async answer(project: string, asked: string[]): Promise<string[]> {
      await Promise.allSettled(asked.map((id) => storing.get(key(project, id))));
      const ids = projects.get(project);
      const t = now();
      return asked.filter((id) => {
        const at = ids?.get(id);
        return at != null && t - at < EXIT_TTL_MS;
      });
    },
  };
}
export type ExitLog = ReturnType<typeof createExitLog>;
