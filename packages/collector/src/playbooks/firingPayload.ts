import { createHash } from 'node:crypto';
import type { Finding } from './evaluateRules.js';

/** The JSON body of a firing (webhook format `json`); the same bytes on every retry. */
export interface FiringPayload {
  /** Idempotency id: the same for every attempt and every restart; receivers de-duplicate on it. */
  id: string;
  type: 'playbook.fired';
  project: string;
  rule: { id: string; when: Finding['when'] };
  account: string;
  summary: string;
  evidence: Record<string, unknown>;
  /** ISO time of the evaluation that saw the account cross the line. */
  firedAt: string;
}

/**
 * A firing's id derives from what fired and when, not from a counter, so two collectors
 * (or a restart replaying its outbox) name the same firing the same way.
 */
export function firingPayload(project: string, f: Finding, at: number): FiringPayload {
  const id = `pb_${createHash('sha256').update(`${project}\u0000${f.rule}\u0000${f.account}\u0000${at}`).digest('hex').slice(0, 32)}`;
  return { id, type: 'playbook.fired', project, rule: { id: f.rule, when: f.when }, account: f.account, summary: f.summary, evidence: f.evidence, firedAt: new Date(at).toISOString() };
}

/** The body a webhook gets: the payload as JSON, or `{ text }` for Slack-compatible chat hooks. */
export function webhookBody(p: FiringPayload, format: 'json' | 'slack'): string {
  if (format == 'json') return JSON.stringify(p);
  // Slack's mrkdwn: *bold*; &, < and > must be escaped (api.slack.com/reference/surfaces/formatting#escaping).
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return JSON.stringify({ text: `*${esc(p.rule.id)}*: account *${esc(p.account)}* (${esc(p.project)}): ${esc(p.summary)}. Firing ${p.id}.` });
}

/** The key of a (project, rule, account) line: while it stays crossed, it does not fire again. */
export const crossingKey = (project: string, rule: string, account: string) => `${project}\u0000${rule}\u0000${account}`;
