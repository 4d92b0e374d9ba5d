import { existsSync } from 'node:fs';
import type { CollectorConfig, ProjectConfig } from '../config/configSchema.js';
import { collectorConfigSchema } from '../config/configSchema.js';
import { generateKey } from '../config/generateKey.js';
import { REPORT_NAMES, runReport, type ReportName } from '../reports/runReport.js';
import { toCsv, toTable, toText } from '../reports/toTable.js';
import { createDuckDBStore } from '../store/duckdb/createDuckDBStore.js';
import { openStore } from '../store/openStore.js';
import type { CliContext } from './CliContext.js';
import { UsageError } from './UsageError.js';
import { collectorUrlOf, isLockError, lockHolder } from './databaseInUse.js';

type Values = { experiment?: string; control?: string; by?: string; from?: string; to?: string; where?: string; 'as-of'?: string; format?: string; url?: string; key?: string; db?: string; config?: string; project?: string };

/**
 * `sabu report <name>`: from the database file, read-only; while `sabu start` holds that
 * file (DuckDB lets one process open it for writing, and then no one else), from the
 * running collector over HTTP with the config's read key. `--url --key` asks a server
 * directly; `--db file` alone works without any config.
 */
export async function reportCommand(ctx: CliContext<Values>): Promise<number> {
  const v = ctx.values;
  const name = ctx.args[0] as ReportName;
  if (!REPORT_NAMES.includes(name)) throw new UsageError(`name a report: ${REPORT_NAMES.join(', ')}`);
  const format = v.format ?? 'table';
  if (!['table', 'json', 'csv'].includes(format)) throw new UsageError('--format must be table, json or csv');
  const params: Record<string, string> = {};
  for (const k of ['by', 'from', 'to', 'where', 'experiment', 'control'] as const) if (v[k]) params[k] = v[k]!;
  if (v['as-of']) params.asOf = v['as-of'];

  let result: unknown;
  if (v.url) {
    if (!v.key) throw new UsageError('--url needs --key <readKey>');
    result = await fetchReport(v.url, v.key, name, params);
  } else {
    const dbOnly = v.db !== undefined && !hasConfigSource(v.config);
    const config = dbOnly ? undefined : ctx.config();
    const database = config?.database ?? v.db!;
    if (config?.store == 'clickhouse') {
      // A server: no file lock to work around, any number of readers.
      const store = await openStore(config, { readOnly: true });
      try {
        result = await runReport(store, config, ctx.projectOf(config), name, params);
      } finally {
        await store.close();
      }
    } else {
      try {
        result = await withReadOnlyStore(database, async (store) => {
          const c = config ?? (await configForDatabase(v.db!, v.project, store));
          return runReport(store, c, config ? ctx.projectOf(c) : c.projects[0]!, name, params);
        });
      } catch (e) {
        if (!isLockError(e)) throw e;
        const holder = lockHolder(e);
        if (!config) {
          throw new UsageError(`${database} is in use by ${holder} (a running "sabu start"?); ask it instead: sabu report ${name} --url http://127.0.0.1:4318 --key <readKey>`);
        }
        const url = collectorUrlOf(config);
        ctx.io.err(`(${database} is in use by ${holder}; asking the running collector at ${url})\n`);
        try {
          result = await fetchReport(url, ctx.projectOf(config).readKeys[0]!, name, params);
        } catch (e2) {
          if (e2 instanceof UsageError) throw e2;
          throw new UsageError(`${database} is in use by ${holder}, and no collector answered at ${url} (${(e2 as Error).message}); stop that process or pass --url and --key of the collector that holds it`);
        }
      }
    }
  }
  if (format == 'json') ctx.io.out(JSON.stringify(result, null, 2) + '\n');
  else if (format == 'csv') ctx.io.out(toCsv(toTable(name, result)));
  else ctx.io.out(toText(toTable(name, result)));
  return 0;
}

async function fetchReport(base: string, key: string, name: ReportName, params: Record<string, string>) {
  const res = await fetch(`${base.replace(/\/$/, '')}/v1/reports/${name}?${new URLSearchParams(params)}`, { headers: { authorization: `Bearer ${key}` } });
  const body = (await res.json().catch(() => ({}))) as { message?: string };
  if (!res.ok) throw new UsageError(`${res.status} from ${base}: ${body.message ?? 'request failed'}`);
  return body;
}

async function withReadOnlyStore<T>(path: string, use: (s: import('../store/Store.js').Store) => Promise<T>): Promise<T> {
  if (path != ':memory:' && !existsSync(path)) throw new UsageError(`no database at ${path}`);
  const store = await createDuckDBStore(path, { readOnly: true });
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

/** Whether loadConfig would find a config: a file, or the one-project environment variables. */
export function hasConfigSource(file: string | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  return !!(file || env.SABU_CONFIG || env.SABU_WRITE_KEY || env.SABU_READ_KEY || existsSync('sabu.config.json'));
}

/**
 * A config for reading a database without a config file: default report settings and the
 * project the database holds (or --project). Keys are never used: nothing is served.
 */
async function configForDatabase(db: string, project: string | undefined, store: import('../store/Store.js').Store): Promise<CollectorConfig> {
  const ids = (await store.querySql('SELECT DISTINCT project_id AS id FROM events ORDER BY 1')).map((r) => String(r.id));
  if (project && !ids.includes(project)) throw new UsageError(`no events of project "${project}" in ${db}; projects: ${ids.join(', ') || '(none)'}`);
  if (!project && ids.length > 1) throw new UsageError(`${db} holds several projects (${ids.join(', ')}); pick one with --project`);
  const id = project ?? ids[0];
  if (!id) throw new UsageError(`${db} holds no events yet`);
  const p: Partial<ProjectConfig> = { id, writeKeys: [generateKey('write')], readKeys: [generateKey('read')] };
  return collectorConfigSchema.parse({ database: db, projects: [p] });
}
