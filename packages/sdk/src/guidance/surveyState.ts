import { readJSON, writeJSON } from './storage.js';
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

/**
 * Reads the state fresh on each use (another tab may have asked a survey meanwhile),
 * and writes it at once: changes are rare (a new session, a prompt shown or answered).
 */
export function readSurveyState(user: string): SurveyState {
  const st = readJSON<SurveyState>(surveyStateKey(user));
  return st && typeof st.n == 'number' && st.r && typeof st.r == 'object' ? st : { n: 0, r: {} };
}

/** Applies `change` to the freshly read state and saves it. */
export function updateSurveyState(user: string, change: (st: SurveyState) => void): SurveyState {
  const st = readSurveyState(user);
  change(st);
  writeJSON(surveyStateKey(user), st);
  return st;
}

/** Counts a session once, by its id. */
export function countSession(user: string, session: string | undefined): SurveyState {
  const st = readSurveyState(user);
  if (!session || st.s == session) return st;
  return updateSurveyState(user, (x) => {
    x.n++;
    x.s = session;
  });
}
