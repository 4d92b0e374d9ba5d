import { existsSync } from 'node:fs';
import type { CollectorConfig, ProjectConfig } from '../config/configSchema.js';
import { createDuckDBStore } from '../store/duckdb/createDuckDBStore.js';
import { createPlaybookRunner, type EvaluatedFinding } from '../playbooks/createPlaybookRunner.js';
import { outboxPathFor } from '../playbooks/outboxPathFor.js';
import type { CliContext } from './CliContext.js';
import { UsageError } from './UsageError.js';
import { collectorUrlOf, isLockError, lockHolder } from './databaseInUse.js';

type Values = { 'dry-run'?: boolean; run?: boolean; format?: string; project?: string; url?: string; key?: string };

/**
 * `sabu playbooks --dry-run`: what the playbook rules would fire now, and why, with
 * nothing sent or recorded: from the database file read-only, or, while `sabu start` holds
 * it, from that collector (GET /v1/playbooks/preview). `--run` asks the running collector
 * to evaluate now (POST /v1/playbooks/run): firing is the server's job, since it owns the
 * outbox and the retries.
 */
export async function playbooksCommand(ctx: CliContext<Values>): Promise<number> {
  const v = ctx.values;
  if (!v['dry-run'] == !v.run) throw new UsageError('pass --dry-run (what would fire now, nothing sent) or --run (ask the running collector to evaluate now)');
  const format = v.format ?? 'table';
  if (!['table', 'json'].includes(format)) throw new UsageError('--format must be table or json');
  let findings: EvaluatedFinding[];
  if (v.url) {
    if (!v.key) throw new UsageError('--url needs --key <readKey>');
    findings = await ask(v.url, v.key, !!v.run);
  } else {
    const config = ctx.config();
    if (!config.playbooks.rules.length) {
      ctx.io.out('no playbook rules in the config (add playbooks.rules; see docs/playbooks.md)\n');
      return 0;
    }
    const projects = v.project ? [ctx.projectOf(config)] : config.projects;
    if (v.run) findings = (await Promise.all(projects.map((p) => askRunning(config, p, true)))).flat();
    else {
      try {
        findings = await dryRunLocally(config, projects);
      } catch (e) {
        if (!isLockError(e)) throw e;
        ctx.io.err(`(${config.database} is in use by ${lockHolder(e)}; asking the running collector at ${collectorUrlOf(config)})\n`);
        findings = (await Promise.all(projects.map((p) => askRunning(config, p, false)))).flat();
      }
    }
  }
  if (format == 'json') ctx.io.out(JSON.stringify({ findings }, null, 2) + '\n');
  else ctx.io.out(formatFindings(findings, !!v.run));
  return 0;
}

async function dryRunLocally(config: CollectorConfig, projects: ProjectConfig[]) {
  if (config.database != ':memory:' && !existsSync(config.database)) throw new UsageError(`no database at ${config.database}`);
  const store = await createDuckDBStore(config.database, { readOnly: true });
  // Read-only: the outbox tells what already fired; nothing is written or sent.
  const runner = createPlaybookRunner({ config, store, outboxPath: outboxPathFor(config.database), readOnly: true });
  try {
    return (await Promise.all(projects.map((p) => runner.evaluate({ dryRun: true, project: p.id })))).flat();
  } finally {
    await runner.close();
    await store.close();
  }
}

function askRunning(config: CollectorConfig, p: ProjectConfig, run: boolean) {
  return ask(collectorUrlOf(config), p.readKeys[0]!, run).catch((e) => {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`no collector answered at ${collectorUrlOf(config)} (${(e as Error).message}); start it with "sabu start", or pass --url and --key`);
  });
}

async function ask(base: string, key: string, run: boolean): Promise<EvaluatedFinding[]> {
  const res = await fetch(`${base.replace(/\/$/, '')}/v1/playbooks/${run ? 'run' : 'preview'}`, { method: run ? 'POST' : 'GET', headers: { authorization: `Bearer ${key}` } });
  const body = (await res.json().catch(() => ({}))) as { message?: string; findings?: EvaluatedFinding[] };
  if (!res.ok) throw new UsageError(`${res.status} from ${base}: ${body.message ?? 'request failed'}`);
  return body.findings ?? [];
}

const STATUS: Record<EvaluatedFinding['status'], string> = { would_fire: 'would fire', fired: 'fired', already_fired: 'already fired' };

/** One line per finding: status, project, rule, account and why; then a count. */
export function formatFindings(findings: EvaluatedFinding[], run: boolean): string {
  if (!findings.length) return `nothing ${run ? 'fired' : 'would fire'}: no account is over a rule's line\n`;
  const sorted = [...findings].sort((a, b) => a.status.localeCompare(b.status) || a.project.localeCompare(b.project) || a.rule.localeCompare(b.rule) || a.account.localeCompare(b.account));
  const lines = sorted.map((f) => `${STATUS[f.status].padEnd(13)}  ${f.project}  ${f.rule}  account ${f.account}: ${f.summary}`);
  const n = (s: EvaluatedFinding['status']) => findings.filter((f) => f.status == s).length;
  const tail = run ? `${n('fired')} fired now, ${n('already_fired')} fired before and still over the line` : `${n('would_fire')} would fire now, ${n('already_fired')} fired before and still over the line (not sent again)`;
  return `${lines.join('\n')}\n\n${tail}\n`;
}
