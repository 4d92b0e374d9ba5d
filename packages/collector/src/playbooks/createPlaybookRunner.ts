import type { CollectorConfig, ProjectConfig } from '../config/configSchema.js';
import type { Store } from '../store/Store.js';
import { collectFindings, rulesFor } from './collectFindings.js';
import type { Finding } from './evaluateRules.js';
import { createOutbox, type Outbox, type PendingDelivery } from './createOutbox.js';
import { crossingKey, firingPayload } from './firingPayload.js';
import { deliverWebhook } from './deliverWebhook.js';

export interface PlaybookRunnerOptions {
  config: Pick<CollectorConfig, 'playbooks' | 'health' | 'projects'>;
  store: Store;
  /** The outbox file; null keeps it in memory (a `:memory:` database). */
  outboxPath: string | null;
  /** @default Date.now */
  now?: () => number;
  /** One plain line per delivery given up or failed evaluation. @default stderr */
  log?: (line: string) => void;
  /** Only dry runs, reading the outbox without writing it (the CLI beside a running collector). @default false */
  readOnly?: boolean;
}

/** A finding, and whether this evaluation fired it or it had fired before (still over the line). */
export interface EvaluatedFinding extends Finding {
  project: string;
  status: 'fired' | 'already_fired' | 'would_fire';
  firingId?: string;
}

/**
 * Evaluates the playbook rules on a schedule and on demand, and delivers firings to their
 * webhooks with retries. A (project, rule, account) fires when it crosses the line, not on
 * every evaluation while it stays over it; once back under, the next crossing fires again.
 */
export function createPlaybookRunner(o: PlaybookRunnerOptions) {
  const now = o.now ?? Date.now;
  const log = o.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const cfg = o.config.playbooks;
  const outbox: Outbox = createOutbox(o.outboxPath, { readOnly: o.readOnly });
  const hooks = new Map(cfg.webhooks.map((w) => [w.id, w]));
  const timers = new Map<string, NodeJS.Timeout>();
  const attempts = new Map<string, number>();
  const inFlight = new Set<Promise<void>>();
  let closed = false;
  let chain: Promise<unknown> = Promise.resolve();
  let interval: NodeJS.Timeout | undefined;

  const dk = (d: PendingDelivery) => `${d.firing.id}\u0000${d.webhook}`;

  function schedule(d: PendingDelivery, delayMs: number) {
    if (closed || timers.has(dk(d))) return;
    const t = setTimeout(() => {
      timers.delete(dk(d));
      const p = attempt(d).finally(() => inFlight.delete(p));
      inFlight.add(p);
    }, delayMs);
    t.unref?.();
    timers.set(dk(d), t);
  }

  async function attempt(d: PendingDelivery) {
    const hook = hooks.get(d.webhook);
    if (!hook) {
      // The webhook left the config since the firing: nothing to send it to.
      outbox.gaveUp(d.firing.id, d.webhook, 'webhook no longer configured');
      return log(`[sabu] playbooks: firing ${d.firing.id} for webhook "${d.webhook}" dropped: no such webhook in the config any more`);
    }
    const result = await deliverWebhook(hook, d.firing, cfg.retry.timeoutMs, now);
    if (closed && !result.ok) return; // the next start retries it
    if (result.ok) return outbox.delivered(d.firing.id, d.webhook);
    const n = (attempts.get(dk(d)) ?? 0) + 1;
    attempts.set(dk(d), n);
    if (now() - Date.parse(d.firing.firedAt) > cfg.retry.giveUpAfterHours * 3_600_000) {
      outbox.gaveUp(d.firing.id, d.webhook, result.error);
      return log(`[sabu] playbooks: gave up delivering firing ${d.firing.id} (${d.firing.rule.id}, account ${d.firing.account}) to webhook "${d.webhook}" after ${n} attempts over ${cfg.retry.giveUpAfterHours} h; last: ${result.error}`);
    }
    // Exponential backoff with ±20 % jitter, so many firings failing together do not retry in step.
    const base = Math.min(cfg.retry.maxDelayMs, cfg.retry.initialDelayMs * 2 ** (n - 1));
    schedule(d, Math.round(base * (0.8 + Math.random() * 0.4)));
  }

  /** Evaluates now. `dryRun`: what would fire and why, with nothing fired, recorded or sent. */
  function evaluate(opts: { dryRun?: boolean; project?: string } = {}): Promise<EvaluatedFinding[]> {
    const run = chain.then(async () => {
      const at = now();
      const out: EvaluatedFinding[] = [];
      const projects = o.config.projects.filter((p: ProjectConfig) => !opts.project || p.id == opts.project);
      for (const project of projects) {
        const findings = await collectFindings(o.store, o.config, project, at);
        const seen = new Set<string>();
        for (const f of findings) {
          const key = crossingKey(project.id, f.rule, f.account);
          seen.add(key);
          const fired = outbox.firingOf(key);
          if (fired) {
            out.push({ ...f, project: project.id, status: 'already_fired', firingId: fired });
            continue;
          }
          const firing = firingPayload(project.id, f, at);
          if (opts.dryRun || o.readOnly || closed) {
            out.push({ ...f, project: project.id, status: 'would_fire', firingId: firing.id });
            continue;
          }
          const webhooks = rulesFor(o.config, project.id).find((r) => r.id == f.rule)!.webhooks;
          outbox.fire(key, firing, webhooks);
          for (const w of webhooks) schedule({ firing, webhook: w }, 0);
          out.push({ ...f, project: project.id, status: 'fired', firingId: firing.id });
        }
        if (opts.dryRun || o.readOnly || closed) continue;
        // Back under the line (or the rule is gone): the next crossing fires again.
        for (const key of outbox.onKeys()) if (key.startsWith(`${project.id}\u0000`) && !seen.has(key)) outbox.clear(key);
      }
      return out;
    });
    chain = run.catch(() => {});
    return run;
  }

  return {
    evaluate,
    /** Delivers what the outbox still holds, then evaluates now and every `intervalMinutes`. */
    start() {
      if (o.readOnly) return;
      for (const d of outbox.pending()) schedule(d, 0);
      const tick = () => void evaluate().catch((e) => log(`[sabu] playbooks: evaluation failed: ${(e as Error).message}`));
      if (cfg.rules.length) {
        tick();
        interval = setInterval(tick, cfg.intervalMinutes * 60_000);
        interval.unref?.();
      }
    },
    /** Deliveries not yet acknowledged (status, tests). */
    pending: () => outbox.pending(),
    /** Stops evaluating and retrying; waits for attempts in flight; pending deliveries stay in the outbox. */
    async close() {
      closed = true;
      if (interval) clearInterval(interval);
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      await chain;
      await Promise.allSettled([...inFlight]);
      outbox.close();
    },
  };
}

export type PlaybookRunner = ReturnType<typeof createPlaybookRunner>;
