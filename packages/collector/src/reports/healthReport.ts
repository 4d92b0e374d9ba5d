import type { HealthConfig } from '../config/configSchema.js';
import type { Store } from '../store/Store.js';
import { healthComponents, healthScore, type HealthComponents } from './healthScore.js';
import { round } from './ttvReport.js';

export interface AccountHealth {
  accountId: string;
  score: number;
  atRisk: boolean;
  users: number;
  components: HealthComponents;
}

/** Account health 0–100 for every account (a `group()` id), lowest first. */
export async function healthReport(
  store: Store,
  q: { projectId: string; asOf: number; valueEvent?: string },
  cfg: HealthConfig,
) {
  const inputs = await store.accountInputs({ ...q, windowDays: cfg.windowDays });
  const accounts: AccountHealth[] = inputs.map((a) => {
    const components = healthComponents(a, cfg);
    const score = healthScore(components, cfg.weights);
    const rounded = Object.fromEntries(Object.entries(components).map(([k, v]) => [k, round(v)])) as unknown as HealthComponents;
    return { accountId: a.accountId, score, atRisk: score < cfg.atRiskBelow, users: a.users, components: rounded };
  });
  accounts.sort((a, b) => a.score - b.score || a.accountId.localeCompare(b.accountId));
  return {
    weights: cfg.weights,
    atRiskBelow: cfg.atRiskBelow,
    windowDays: cfg.windowDays,
    accounts,
    atRisk: accounts.filter((a) => a.atRisk).map((a) => a.accountId),
  };
}
