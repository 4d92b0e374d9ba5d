import type { CollectorConfig, ProjectConfig } from '../config/configSchema.js';
import type { Store } from '../store/Store.js';
import { healthReport } from '../reports/healthReport.js';
import { evaluateRules, RULE_DEFAULTS, type Finding } from './evaluateRules.js';
import type { PlaybookRule } from './playbookConfig.js';

/** The rules that apply to a project (all, unless a rule names its projects). */
export const rulesFor = (config: Pick<CollectorConfig, 'playbooks'>, project: string): PlaybookRule[] =>
  config.playbooks.rules.filter((r) => !r.projects || r.projects.includes(project));

/** Reads what the project's rules need from the store, only that, and evaluates them. */
export async function collectFindings(store: Store, config: Pick<CollectorConfig, 'playbooks' | 'health'>, project: ProjectConfig, asOf: number): Promise<Finding[]> {
  const rules = rulesFor(config, project.id);
  if (!rules.length) return [];
  const needsHealth = rules.some((r) => r.when == 'health_below');
  const needsSignals = rules.some((r) => r.when != 'health_below');
  const [health, signals] = await Promise.all([
    needsHealth ? healthReport(store, { projectId: project.id, asOf, valueEvent: project.valueEvent }, config.health) : undefined,
    needsSignals
      ? store.accountSignals({
          projectId: project.id, asOf, valueEvent: project.valueEvent,
          answersWithinDays: Math.max(1, ...rules.filter((r) => r.when == 'nps_detractor').map((r) => r.withinDays ?? RULE_DEFAULTS.withinDays)),
          activeWindowsDays: rules.filter((r) => r.when == 'active_users_drop').map((r) => r.windowDays ?? RULE_DEFAULTS.windowDays),
        })
      : undefined,
  ]);
  return evaluateRules(rules, {
    asOf,
    health: health ?? { accounts: [], atRiskBelow: config.health.atRiskBelow, windowDays: config.health.windowDays },
    signals: signals ?? { withoutValue: [], npsAnswers: [], activeUsers: [] },
  });
}
