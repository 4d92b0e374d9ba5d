import { readJSON, writeJSON } from '../shared/storage.js';

/** What one user did with one checklist, kept in localStorage. */
export interface Progress {
  /** Definition version this progress belongs to (raising it restarts everyone). */
  v: number;
  /** When the checklist first applied to the user. */
  start: number;
  /** When it was first shown. */
  shown?: number;
  /** Keys of the rule leaves met so far, by item (for `all` rules met over time). */
  met: Record<string, string[]>;
  /** Completion time by item id. */
  done: Record<string, number>;
  /** When every required item was done. */
  completed?: number;
  /** The panel was opened at least once (it opens by itself only before that). */
  opened?: number;
  /** "Don't show again". */
  never?: number;
  /** Dismissed for the session with this id. */
  hidden?: string;
}

/** Storage key: one record per checklist and user (userId, else anonymousId). */
export const progressKey = (checklist: string, user: string) => `sabu_cl:${checklist}:${user}`;

/**
 * Loads a user's progress and saves it off the hot path: changes are written in one
 * batch after the current task (and at once by `flush()`), never per event.
 */
export function createProgress(checklist: string, version: number, user: string, now: number) {
  const key = progressKey(checklist, user);
  const stored = readJSON<Progress>(key);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const p = {
    state: (stored && stored.v == version ? stored : { v: version, start: now, met: {}, done: {} }) as Progress,
    key,
    /** Schedules a write. */
    save() {
      timer ??= setTimeout(p.flush, 0);
    },
    flush() {
      clearTimeout(timer);
      timer = undefined;
      writeJSON(key, p.state);
    },
    /**
     * Takes the items another tab completed (its stored record, from a `storage` event);
     * their events were sent there. True when something changed.
     */
    merge(stored: string | null): boolean {
      try {
        const other = JSON.parse(stored || 'null') as Progress | null;
        if (!other || other.v != version) return false;
        const before = JSON.stringify(p.state.done);
        Object.assign(p.state.done, other.done);
        p.state.completed ??= other.completed;
        return JSON.stringify(p.state.done) != before;
      } catch {
        return false;
      }
    },
    /** Whether another tab already completed the item (read fresh, so it never fires twice). */
    doneElsewhere(item: string): boolean {
      const fresh = readJSON<Progress>(key);
      return !!(fresh && fresh.v == version && fresh.done[item]);
    },
  };
  if (!stored || stored.v != version) p.save();
  return p;
}
export type ProgressStore = ReturnType<typeof createProgress>;
