import { parseArgs } from 'node:util';
import { loadConfig, ConfigError } from '../config/loadConfig.js';
import type { CollectorConfig } from '../config/configSchema.js';
import { describeClickHouse, openStore } from '../store/openStore.js';
import { migrateCommand } from './migrateCommand.js';
import { startCollector } from '../server/startCollector.js';
import { StartError } from '../server/StartError.js';
import { ReportParamsError } from '../reports/runReport.js';
import { generateDemoData } from '../demo/generateDemoData.js';
import { HELP } from './help.js';
import type { CliIo } from './CliContext.js';
import { UsageError } from './UsageError.js';
import { initCommand } from './initCommand.js';
import { reportCommand } from './reportCommand.js';
import { playbooksCommand } from './playbooksCommand.js';
import { tailCommand } from './tailCommand.js';
import { validateCommand } from './validateCommand.js';
import { collectorVersion } from './version.js';
import { formatGettingStarted } from './snippet.js';

export type { CliIo } from './CliContext.js';

const STD: CliIo = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  config: { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  db: { type: 'string' },
  store: { type: 'string' },
  'clickhouse-url': { type: 'string' },
  'demo-data': { type: 'boolean' },
  by: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  where: { type: 'string' },
  'as-of': { type: 'string' },
  format: { type: 'string' },
  project: { type: 'string' },
  url: { type: 'string' },
  key: { type: 'string' },
  kind: { type: 'string' },
  users: { type: 'string' },
  weeks: { type: 'string' },
  origin: { type: 'string', multiple: true },
  force: { type: 'boolean' },
  event: { type: 'string' },
  person: { type: 'string' },
  limit: { type: 'string' },
  version: { type: 'boolean' },
  experiment: { type: 'string' },
  'dry-run': { type: 'boolean' },
  run: { type: 'boolean' },
  control: { type: 'string' },
} as const;

/**
 * The `sabu` command. Returns the exit code; `start` resolves only when the server stops
 * (it exits the process on SIGTERM itself).
 */
export async function runCli(argv: string[], io: CliIo = STD): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    io.err(`sabu: ${(e as Error).message}\n\n${HELP.main!}`);
    return 2;
  }
  const { values: v, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (v.version && !command) {
    io.out(`${collectorVersion()}\n`);
    return 0;
  }
  if (!command || command == 'help') {
    io.out(HELP.main!);
    return command || v.help ? 0 : 2;
  }
  if (!HELP[command]) {
    io.err(`sabu: unknown command "${command}"\n\n${HELP.main!}`);
    return 2;
  }
  if (v.help) {
    io.out(HELP[command]!);
    return 0;
  }
  try {
    const config = () =>
      loadConfig({
        file: v.config,
        overrides: { host: v.host, port: v.port === undefined ? undefined : Number(v.port), database: v.db, store: v.store as 'duckdb' | undefined, clickhouseUrl: v['clickhouse-url'] },
      });
    const projectOf = (c: CollectorConfig) => {
      const p = v.project ? c.projects.find((x) => x.id == v.project) : c.projects[0];
      if (!p) throw new UsageError(`no project "${v.project}" in the config; projects: ${c.projects.map((x) => x.id).join(', ')}`);
      return p;
    };
    const context = () => ({ values: v, args: rest, io, config, projectOf });
    switch (command) {
      // Each command in its own file takes the flags it reads; the parsed flags are a superset.
      case 'validate':
        return await validateCommand(context());
      case 'report':
        return await reportCommand(context());
      case 'playbooks':
        return await playbooksCommand(context());
      case 'init':
        return await initCommand(context());
      case 'tail':
        return await tailCommand(context());
      case 'migrate':
        return await migrateCommand(context());
      case 'demo-data': {
        const c = config();
        const store = await openStore(c);
        try {
          const n = await loadDemoData(store, projectOf(c).id, Number(v.users ?? 3000), Number(v.weeks ?? 8));
          io.out(`loaded ${n} synthetic events (ids "demo-…") into ${storeName(c)}\n`);
        } finally {
          await store.close();
        }
        return 0;
      }
      case 'start': {
        const c = config();
        const store = await openStore(c);
        if (v['demo-data']) {
          const p = projectOf(c);
          if ((await store.countEvents(p.id)) == 0) io.out(`loaded ${await loadDemoData(store, p.id, 3000, 8)} synthetic demo events\n`);
        }
        // Warnings and errors (a failed commit, say) are logged as JSON lines; SABU_LOG_LEVEL=info logs requests too.
        const running = await startCollector(c, { store, handleSignals: true, logger: { level: process.env.SABU_LOG_LEVEL ?? 'warn' } }).catch(async (e) => {
          await store.close();
          throw e;
        });
        io.out(`sabu collector on ${running.url}\n  ingest:    POST ${running.url}/v1/batch\n  dashboard: ${running.url}/dashboard/\n  database:  ${storeName(c)}\n`);
        const p = projectOf(c);
        io.out(`\n${formatGettingStarted({ collectorUrl: running.url, writeKey: p.writeKeys[0]!, projectId: p.id, origins: p.origins })}`);
        await new Promise<void>((resolve) => running.app.server.on('close', () => resolve()));
        return 0;
      }
    }
    return 2;
  } catch (e) {
    if (e instanceof ConfigError || e instanceof UsageError || e instanceof ReportParamsError || e instanceof StartError) {
      io.err(`${e.message}\n`);
      return e instanceof UsageError ? 2 : 1;
    }
    throw e;
  }
}

/** The store as the operator configured it: the DuckDB file, or "ClickHouse url/database". */
const storeName = (c: CollectorConfig) => (c.store == 'clickhouse' ? `ClickHouse ${describeClickHouse(c)}` : c.database);

/** Inserts demo rows in chunks; returns how many. */
export async function loadDemoData(store: import('../store/Store.js').Store, projectId: string, users: number, weeks: number) {
  const rows = generateDemoData({ projectId, users, weeks });
  for (let i = 0; i < rows.length; i += 20_000) await store.insertEvents(rows.slice(i, i + 20_000));
  return rows.length;
}
