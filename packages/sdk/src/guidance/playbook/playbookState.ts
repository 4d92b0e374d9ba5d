import { readJSON, writeJSON } from '../shared/storage.js';
import type { PlaybookRecord } from './playbookRules.js';

/** One user's playbook state in localStorage (short keys). */
export interface PlaybookState {
  /** Sessions seen (for `featureNotUsed` after N sessions). */
  n: number;
  /** Id of the last session counted. */
  s?: string;
  /** Per playbook id: when it fired and how often. */
  r: Record<string, PlaybookRecord>;
  /** Per playbook id: times of the occurrences counting towards its threshold (at most its `count`). */
  w: Record<string, number[]>;
  /** Features used, among those playbooks watch. */
  f: string[];
  /** First value seen reached on this browser. */
  v?: 1;
}

export const playbookStateKey = (user: string) => 'sabu_pb:' + user;

const valid = (st: PlaybookState | null) => (st && typeof st.n == 'number' && st.r && st.w && Array.isArray(st.f) ? st : null);

/**
 * Read fresh at each use (another tab may have fired a playbook or counted a rage click)
 * and written at once. A user who just signed in inherits the state of the anonymous id
 * they were (`from`): the cool-down and cap of what fired before sign-in still hold.
 */
export function readPlaybookState(user: string, from?: string): PlaybookState {
  const own = valid(readJSON<PlaybookState>(playbookStateKey(user)));
  const inherited = from && from != user ? valid(readJSON<PlaybookState>(playbookStateKey(from))) : null;
  return own ?? inherited ?? { n: 0, r: {}, w: {}, f: [] };
}

/** Applies `change` to the freshly read state and saves it under `user`. */
export function updatePlaybookState<T>(user: string, change: (st: PlaybookState) => T, from?: string): T {
  const st = readPlaybookState(user, from);
  const out = change(st);
  writeJSON(playbookStateKey(user), st);
  return out;
}
