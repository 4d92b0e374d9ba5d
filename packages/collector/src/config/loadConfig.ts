import { existsSync } from 'node:fs';
import { resolve, dirname, isAbsolute } from 'node:path';
import type { CollectorConfig } from './configSchema.js';
import { checkCollectorConfig } from './checkCollectorConfig.js';
import { readJsonFile } from './readJsonFile.js';

/** Thrown for a config that cannot start the collector; `problems` has one line per field. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`[sabu] invalid collector config (${source}):\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export interface LoadConfigOptions {
  /** Path of a JSON config file. @default env SABU_CONFIG, else ./sabu.config.json when it exists */
  file?: string;
  /** Environment to read `SABU_*` overrides from. @default process.env */
  env?: Record<string, string | undefined>;
  /** Values that win over file and environment (CLI flags). */
  overrides?: Partial<Pick<CollectorConfig, 'host' | 'port' | 'database' | 'store'>> & { clickhouseUrl?: string };
}

/**
 * Reads the config file, applies the environment (`SABU_HOST`, `SABU_PORT`, `SABU_DATABASE`,
 * `SABU_STORE`, `SABU_CLICKHOUSE_URL` / `_DATABASE` / `_USER` / `_PASSWORD`,
 * and for a one-project setup `SABU_WRITE_KEY`, `SABU_READ_KEY`, `SABU_ORIGINS` comma
 * separated, `SABU_PROJECT`), then CLI overrides, and validates the result.
 */
export function loadConfig(o: LoadConfigOptions = {}): CollectorConfig {
  const env = o.env ?? process.env;
  const file = o.file ?? env.SABU_CONFIG ?? (existsSync('sabu.config.json') ? 'sabu.config.json' : undefined);
  let raw: Record<string, unknown> = {};
  const source = file ? resolve(file) : 'environment';
  if (file) {
    const r = readJsonFile(file);
    if (!r.ok) throw new ConfigError(source, [r.problem]);
    if (!r.value || typeof r.value != 'object' || Array.isArray(r.value)) throw new ConfigError(source, ['expected a JSON object']);
    raw = r.value as Record<string, unknown>;
  }
  const merged: Record<string, unknown> = { ...raw };
  // Where a value came from when not the file, so a problem names what the user set.
  const origin: [RegExp, string][] = [];
  const fromEnv = (field: string, name: string) => origin.push([new RegExp(`^${field.replace(/[[\].]/g, '\\$&')}\\b`), name]);
  if (env.SABU_HOST) (merged.host = env.SABU_HOST), fromEnv('host', 'SABU_HOST');
  if (env.SABU_PORT) (merged.port = Number(env.SABU_PORT)), fromEnv('port', 'SABU_PORT');
  if (env.SABU_DATABASE) (merged.database = env.SABU_DATABASE), fromEnv('database', 'SABU_DATABASE');
  if (env.SABU_STORE) (merged.store = env.SABU_STORE), fromEnv('store', 'SABU_STORE');
  // The ClickHouse section field by field over the file's, so a password can stay out of the file.
  const clickhouse = (field: string, value: string | undefined, name: string) => {
    if (value === undefined || value === '') return;
    const section = merged.clickhouse && typeof merged.clickhouse == 'object' ? (merged.clickhouse as Record<string, unknown>) : {};
    merged.clickhouse = { ...section, [field]: value };
    fromEnv(`clickhouse.${field}`, name);
  };
  clickhouse('url', env.SABU_CLICKHOUSE_URL, 'SABU_CLICKHOUSE_URL');
  clickhouse('database', env.SABU_CLICKHOUSE_DATABASE, 'SABU_CLICKHOUSE_DATABASE');
  clickhouse('username', env.SABU_CLICKHOUSE_USER, 'SABU_CLICKHOUSE_USER');
  clickhouse('password', env.SABU_CLICKHOUSE_PASSWORD, 'SABU_CLICKHOUSE_PASSWORD');
  if (env.SABU_WRITE_KEY || env.SABU_READ_KEY) {
    fromEnv('projects[0].writeKeys', 'SABU_WRITE_KEY');
    fromEnv('projects[0].readKeys', 'SABU_READ_KEY');
    fromEnv('projects[0].origins', 'SABU_ORIGINS');
    fromEnv('projects[0].id', 'SABU_PROJECT');
    merged.projects = [
      {
        id: env.SABU_PROJECT || 'default',
        writeKeys: env.SABU_WRITE_KEY ? [env.SABU_WRITE_KEY] : [],
        readKeys: env.SABU_READ_KEY ? [env.SABU_READ_KEY] : [],
        origins: env.SABU_ORIGINS ? env.SABU_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean) : [],
        ...(env.SABU_VALUE_EVENT ? { valueEvent: env.SABU_VALUE_EVENT } : {}),
      },
    ];
  }
  const { clickhouseUrl, ...overrides } = o.overrides ?? {};
  for (const [k, v] of Object.entries(overrides)) if (v !== undefined) (merged[k] = v), fromEnv(k, `--${k == 'database' ? 'db' : k}`);
  clickhouse('url', clickhouseUrl, '--clickhouse-url');
  if (merged.projects === undefined) {
    throw new ConfigError(source, [
      `projects: none configured. Create ${file ? 'a "projects" list in the file' : 'sabu.config.json'} (see docs/collector.md and packages/collector/sabu.config.example.json), or set SABU_WRITE_KEY and SABU_READ_KEY`,
    ]);
  }
  const checked = checkCollectorConfig(merged);
  if (!checked.ok) {
    throw new ConfigError(
      source,
      checked.problems.map((p) => {
        const set = [...origin].reverse().find(([re]) => re.test(p));
        return set ? `${p} (set by ${set[1]})` : p;
      }),
    );
  }
  const config = checked.config;
  // A relative database path is relative to the config file, so `sabu start` works from anywhere.
  if (file && config.database != ':memory:' && !isAbsolute(config.database) && !o.overrides?.database && !env.SABU_DATABASE) {
    config.database = resolve(dirname(file), config.database);
  }
  return config;
}
