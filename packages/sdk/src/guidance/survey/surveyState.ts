import { readJSON, writeJSON } from '../shared/storage.js';
import type { SurveyRecord } from './surveyRules.js';

/** One user's survey state in localStorage: sessions counted and what happened per survey. */
export interface SurveyState {
  /** Sessions seen (for "after N sessions"). */
  n: number;
  /** Id of the last session counted. */
  s?: string;
  /** Per survey id. */
  r: Record<string, SurveyRecord>;
}

export const surveyStateKey = (user: string) => 'sabu_sv:' + user;

const valid = (st: SurveyState | null) => (st && typeof st.n == 'number' && st.r && typeof st.r == 'object' ? st : null);

/**
 * Reads the state fresh on each use (another tab may have asked a survey meanwhile),
 * and writes it at once: changes are rare (a new session, a prompt shown or answered).
 * A user who just signed in has no state of their own yet: they inherit the state of the
 * anonymous id they were (`from`), so answering before signing in still counts.
 */
export function readSurveyState(user: string, from?: string): SurveyState {
  const own = valid(readJSON<SurveyState>(surveyStateKey(user)));
  const inherited = from && from != user ? valid(readJSON<SurveyState>(surveyStateKey(from))) : null;
  return own ?? inherited ?? { n: 0, r: {} };
}

/** Applies `change` to the freshly read state and saves it under `user`. */
export function updateSurveyState(user: string, change: (st: SurveyState) => void, from?: string): SurveyState {
  const st = readSurveyState(user, from);
  change(st);
  writeJSON(surveyStateKey(user), st);
  return st;
}

/** Counts a session once, by its id. */
export function countSession(user: string, session: string | undefined, from?: string): SurveyState {
  const st = readSurveyState(user, from);
  if (!session || st.s == session) return st;
  return updateSurveyState(
    user,
    (x) => {
      x.n++;
      x.s = session;
    },
    from,
  );
}
