import { collectorConfigSchema, type CollectorConfig } from './configSchema.js';
import { formatIssues } from './formatIssues.js';

export type ConfigCheck = { ok: true; config: CollectorConfig } | { ok: false; problems: string[] };

/**
 * The one validation of a collector config, shared by `sabu start` (through loadConfig) and
 * `sabu validate`, so a file that validates also starts: each problem on its own line,
 * naming its field path.
 */
export function checkCollectorConfig(value: unknown): ConfigCheck {
  // reportInput: a mistyped choice ("store": "clickhose") can then be answered with the nearest one.
  const r = collectorConfigSchema.safeParse(value, { reportInput: true });
  return r.success ? { ok: true, config: r.data } : { ok: false, problems: formatIssues(r.error.issues, collectorConfigSchema) };
}
