import { readJSON, writeJSON } from '../shared/storage.js';

/** How a tour or guide ended for a user: completed, dismissed, failed (an anchor never showed), opened or acted on (guides), or only seen so far (a banner stays until closed). */
export type Outcome = 'completed' | 'dismissed' | 'failed' | 'clicked' | 'seen';

/** The tour in progress, saved at every step so it survives reloads and route changes. */
export interface ActiveTour {
  /** Tour id. */
  t: string;
  /** Index of the current step. */
  i: number;
  /** Highest step index viewed in this run (`Tour Step Viewed` is sent once per step). */
  v: number;
  /** Started on request (`sabu.tour(id)`), not by a trigger. */
  q?: boolean;
}

/** One user's tours and guides in localStorage. */
export interface TourState {
  a?: ActiveTour;
  /** Per tour or guide id: how it last ended, and when. */
  r: Record<string, { how: Outcome; at: number }>;
}

export const tourStateKey = (user: string) => 'sabu_tour:' + user;

const valid = (st: TourState | null) => (st && st.r && typeof st.r == 'object' ? st : null);

/**
 * Reads the state fresh on each use (another tab may have moved the tour on). A user who
 * just signed in inherits the state of the anonymous id they were (`from`), so a tour
 * started before signing in carries on after it.
 */
export function readTourState(user: string, from?: string): TourState {
  const own = valid(readJSON<TourState>(tourStateKey(user)));
  const inherited = from && from != user ? valid(readJSON<TourState>(tourStateKey(from))) : null;
  return own ?? inherited ?? { r: {} };
}

/** Applies `change` to the freshly read state and saves it under `user` (at once: a click on a link may leave the page next). */
export function updateTourState(user: string, change: (st: TourState) => void, from?: string): TourState {
  const st = readTourState(user, from);
  change(st);
  writeJSON(tourStateKey(user), st);
  return st;
}
