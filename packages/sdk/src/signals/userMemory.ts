import type { FlowState } from './flows.js';

/** What signals remember about one user (short keys: it lives in localStorage). */
export interface UserRecord {
  /** First time Sabu saw this user (ms). */
  seen: number;
  /** First value reached. */
  fv?: 1;
  /** Features used (for `first_use`). */
  ft?: string[];
  /** Flows in progress, by flow id. */
  fl?: Record<string, FlowState>;
}

const KEY = 'sabu_signals';
/** Users remembered per browser (most recent kept): shared computers and sign-outs cannot grow it forever. */
const MAX_USERS = 20;
/** Features remembered per user. */
export const MAX_FEATURES = 300;

type Who = { anonymousId: string; userId?: string | null };
type Store = Record<string, UserRecord & { at?: number }>;

/** The page's copy, used alone when localStorage is disabled. */
let mem: Store = {};

function load(): Store {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) || '{}');
    return v && typeof v == 'object' ? v : {};
  } catch {
    return mem;
  }
}

/**
 * A small per-user record, read fresh from localStorage at each use (another tab may have
 * written it) and written back at once. The anonymous visitor's record carries over to
 * the user they sign in as, so first-seen time and progress are not lost at `identify()`.
 */
export function getUserRecord(who: Who, now: number): [UserRecord, (r: UserRecord) => void] {
  const all = load();
  const key = who.userId ? 'u:' + who.userId : 'a:' + who.anonymousId;
  const rec: UserRecord = all[key] ?? (who.userId ? all['a:' + who.anonymousId] : undefined) ?? { seen: now };
  const save = (r: UserRecord) => {
    const fresh = load();
    fresh[key] = { ...r, at: now };
    const keys = Object.keys(fresh).sort((a, b) => (fresh[b]!.at ?? 0) - (fresh[a]!.at ?? 0));
    for (const k of keys.slice(MAX_USERS)) delete fresh[k];
    mem = fresh;
    try {
      localStorage.setItem(KEY, JSON.stringify(fresh));
    } catch {
      /* storage full or disabled: remembered for this page only */
    }
  };
  if (!all[key]) save(rec);
  return [rec, save];
}
