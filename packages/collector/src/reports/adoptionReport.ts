import type { Store } from '../store/Store.js';
import type { WindowQuery } from '../store/queryTypes.js';
import { round } from './ttvReport.js';

/**
 * Share of the users (and accounts) active in the window that used each tagged feature
 * (`Feature Used` { feature }) in that window.
 */
export async function adoptionReport(store: Store, q: WindowQuery) {
  const d = await store.adoptionData(q);
  return {
    windowDays: q.windowDays,
    activeUsers: d.activeUsers,
    activeAccounts: d.activeAccounts,
    features: d.features.map((f) => ({
      ...f,
      userShare: d.activeUsers ? round(f.users / d.activeUsers) : 0,
      accountShare: d.activeAccounts ? round(f.accounts / d.activeAccounts) : 0,
    })),
  };
}
