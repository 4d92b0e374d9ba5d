import { parseArgs } from 'node:util';
import { loadConfig, ConfigError } from '../config/loadConfig.js';
import type { CollectorConfig } from '../config/configSchema.js';
import { createDuckDBStore } from '../store/duckdb/createDuckDBStore.js';
import { startCollector } from '../server/startCollector.js';
import { StartError } from '../server/StartError.js';
import { REPORT_NAMES, ReportParamsError, runReport, type ReportName } from '../reports/runReport.js';
import { toCsv, toTable, toText } from '../reports/toTable.js';
import { generateDemoData } from '../demo/generateDemoData.js';
import { HELP } from './help.js';
import { KINDS, validateFile, type Kind } from './validateFile.js';

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

const STD: CliIo = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  config: { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  db: { type: 'string' },
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
      loadConfig({ file: v.config, overrides: { host: v.host, port: v.port === undefined ? undefined : Number(v.port), database: v.db } });
    const projectOf = (c: CollectorConfig) => {
      const p = v.project ? c.projects.find((x) => x.id == v.project) : c.projects[0];
      if (!p) throw new UsageError(`no project "${v.project}" in the config; projects: ${c.projects.map((x) => x.id).join(', ')}`);
      return p;
    };
    switch (command) {
      case 'validate': {
        const file = rest[0];
        if (!file) throw new UsageError('name the file to validate: sabu validate <file>');
        if (v.kind && !KINDS.includes(v.kind as Kind)) throw new UsageError(`--kind must be one of ${KINDS.join(', ')}`);
        const r = validateFile(file, v.kind as Kind | undefined);
        if (r.ok) io.out(`${file}: valid ${r.kind}\n`);
        else io.err(`${file}: invalid${r.kind ? ` ${r.kind}` : ''}\n${r.problems.map((p) => `  - ${p}\n`).join('')}`);
        return r.ok ? 0 : 1;
      }
      case 'report': {
        const name = rest[0] as ReportName;
        if (!REPORT_NAMES.includes(name)) throw new UsageError(`name a report: ${REPORT_NAMES.join(', ')}`);
        const format = v.format ?? 'table';
        if (!['table', 'json', 'csv'].includes(format)) throw new UsageError('--format must be table, json or csv');
        const params: Record<string, string> = {};
        for (const k of ['by', 'from', 'to', 'where'] as const) if (v[k]) params[k] = v[k]!;
        if (v['as-of']) params.asOf = v['as-of'];
        let result: unknown;
        if (v.url) {
          if (!v.key) throw new UsageError('--url needs --key <readKey>');
          const res = await fetch(`${v.url.replace(/\/$/, '')}/v1/reports/${name}?${new URLSearchParams(params)}`, {
            headers: { authorization: `Bearer ${v.key}` },
          });
          const body = (await res.json()) as { message?: string };
          if (!res.ok) throw new UsageError(`${res.status}: ${body.message ?? 'request failed'}`);
          result = body;
        } else {
          const c = config();
          const store = await createDuckDBStore(c.database, { readOnly: true });
          try {
            result = await runReport(store, c, projectOf(c), name, params);
          } finally {
            await store.close();
          }
        }
        if (format == 'json') io.out(JSON.stringify(result, null, 2) + '\n');
        else if (format == 'csv') io.out(toCsv(toTable(name, result)));
        else io.out(toText(toTable(name, result)));
        return 0;
      }
      case 'demo-data': {
        const c = config();
        const store = await createDuckDBStore(c.database);
        try {
          const n = await loadDemoData(store, projectOf(c).id, Number(v.users ?? 3000), Number(v.weeks ?? 8));
          io.out(`loaded ${n} synthetic events (ids "demo-…") into ${c.database}\n`);
        } finally {
          await store.close();
        }
        return 0;
      }
      case 'start': {
        const c = config();
        const store = await createDuckDBStore(c.database);
        if (v['demo-data']) {
          const p = projectOf(c);
          if ((await store.countEvents(p.id)) == 0) io.out(`loaded ${await loadDemoData(store, p.id, 3000, 8)} synthetic demo events\n`);
        }
        // Warnings and errors (a failed commit, say) are logged as JSON lines; SABU_LOG_LEVEL=info logs requests too.
        const running = await startCollector(c, { store, handleSignals: true, logger: { level: process.env.SABU_LOG_LEVEL ?? 'warn' } }).catch(async (e) => {
          await store.close();
          throw e;
        });
        io.out(`sabu collector on ${running.url}\n  ingest:    POST ${running.url}/v1/batch\n  dashboard: ${running.url}/dashboard/\n  database:  ${c.database}\n`);
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

class UsageError extends Error {
  constructor(message: string) {
    super(`sabu: ${message}`);
  }
}

/** Inserts demo rows in chunks; returns how many. */
export async function loadDemoData(store: import('../store/Store.js').Store, projectId: string, users: number, weeks: number) {
  const rows = generateDemoData({ projectId, users, weeks });
  for (let i = 0; i < rows.length; i += 20_000) await store.insertEvents(rows.slice(i, i + 20_000));
  return rows.length;
}
