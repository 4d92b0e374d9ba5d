/** A session: its id and the time of the last activity in it. */
export interface Session {
  id: string;
  last: number;
}

/**
 * Returns the session for an activity at `now`: the same one while the gap since the last
 * activity is under `timeout`, else a new one. Pure; the caller persists.
 */
export function touchSession(current: Session | null, now: number, timeout: number, newId: () => string): Session {
  if (current && now - current.last < timeout && now >= current.last - timeout) {
    current.last = Math.max(current.last, now);
    return current;
  }
  return { id: newId(), last: now };
}
