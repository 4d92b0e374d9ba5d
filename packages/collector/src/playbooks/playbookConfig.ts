import { z } from 'zod';
import { keyProblem } from '../config/keyRules.js';

/**
 * `playbooks` in sabu.config.json: account rules the collector evaluates on a schedule and
 * on demand, and the webhooks it POSTs a firing to (docs/playbooks.md). Strict like the
 * rest of the config: an unknown field names the nearest known one.
 */

export const RULE_KINDS = ['health_below', 'nps_detractor', 'no_value_after', 'active_users_drop'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

/** The fields each kind of rule reads; any other optional field on it is a mistake worth naming. */
const FIELDS_OF: Record<RuleKind, readonly string[]> = {
  health_below: ['below'],
  nps_detractor: ['withinDays', 'maxScore'],
  no_value_after: ['days'],
  active_users_drop: ['windowDays', 'dropPercent', 'minUsers'],
};
const KIND_FIELDS = [...new Set(Object.values(FIELDS_OF).flat())];

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'use letters, digits, ".", "-" or "_" (up to 64)');

export const webhookSchema = z.strictObject({
  id,
  /** Where firings are POSTed. */
  url: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL such as https://hooks.example.com/sabu' }),
  /** Signs every request (HMAC-SHA256, header X-Sabu-Signature); the receiver checks it with the same secret. */
  secret: z.string().superRefine((k, ctx) => {
    const problem = keyProblem(k);
    if (problem) ctx.addIssue({ code: 'custom', message: problem.replace(/keys/g, 'secrets').replace('`npx sabu init`', '`openssl rand -hex 24`') });
  }),
  /** `json`: the firing as JSON; `slack`: `{ text }`, for Slack (or any chat) incoming webhooks. */
  format: z.enum(['json', 'slack']).default('json'),
});

export const ruleSchema = z.strictObject({
  id,
  /** What crosses the line; each kind reads its own fields below. */
  when: z.enum(RULE_KINDS),
  /** Webhook ids a firing goes to. */
  webhooks: z.array(id).min(1, 'name at least one webhook id from playbooks.webhooks'),
  /** Project ids the rule applies to. @default every project */
  projects: z.array(z.string()).min(1).optional(),
  /** health_below: fire when the account's health score is below this. @default health.atRiskBelow */
  below: z.number().min(0).max(100).optional(),
  /** nps_detractor: answers within this many days before now count. @default 30 */
  withinDays: z.int().min(1).max(365).optional(),
  /** nps_detractor: the highest score that is a detractor. @default 6 */
  maxScore: z.int().min(0).max(10).optional(),
  /** no_value_after: fire when someone of the account signed up this many days ago and has not reached value. @default 14 */
  days: z.number().positive().max(365).optional(),
  /** active_users_drop: the window compared with the one before it. @default 7 */
  windowDays: z.int().min(1).max(180).optional(),
  /** active_users_drop: fire when active people fell by at least this share. @default 50 */
  dropPercent: z.number().gt(0).max(100).optional(),
  /** active_users_drop: only accounts with at least this many active people in the earlier window. @default 3 */
  minUsers: z.int().min(1).optional(),
});

export const playbooksSchema = z
  .strictObject({
    /** Minutes between scheduled evaluations (also run on demand: POST /v1/playbooks/run). */
    intervalMinutes: z.number().min(0.01).max(1440).default(15),
    webhooks: z.array(webhookSchema).default([]),
    rules: z.array(ruleSchema).default([]),
    retry: z
      .strictObject({
        /** First retry after this; each next one waits twice as long. */
        initialDelayMs: z.int().min(10).default(5_000),
        /** The longest wait between two attempts. */
        maxDelayMs: z.int().min(10).default(3_600_000),
        /** A delivery still failing this long after its firing is given up (and logged). */
        giveUpAfterHours: z.number().positive().max(24 * 30).default(72),
        /** Milliseconds one attempt may take. */
        timeoutMs: z.int().min(100).max(120_000).default(10_000),
      })
      .default({ initialDelayMs: 5_000, maxDelayMs: 3_600_000, giveUpAfterHours: 72, timeoutMs: 10_000 }),
  })
  .superRefine((p, ctx) => {
    const hooks = new Set<string>();
    p.webhooks.forEach((w, i) => {
      if (hooks.has(w.id)) ctx.addIssue({ code: 'custom', path: ['webhooks', i, 'id'], message: `"${w.id}" is already used by another webhook` });
      hooks.add(w.id);
    });
    const rules = new Set<string>();
    p.rules.forEach((r, i) => {
      if (rules.has(r.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `"${r.id}" is already used by another rule` });
      rules.add(r.id);
      r.webhooks.forEach((w, j) => {
        if (!hooks.has(w)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'webhooks', j], message: `no webhook "${w}" in playbooks.webhooks${hooks.size ? ` (webhooks: ${[...hooks].join(', ')})` : ''}` });
      });
      for (const f of KIND_FIELDS) {
        if ((r as Record<string, unknown>)[f] !== undefined && !FIELDS_OF[r.when].includes(f)) {
          const owners = RULE_KINDS.filter((k) => FIELDS_OF[k].includes(f)).join(', ');
          ctx.addIssue({ code: 'custom', path: ['rules', i, f], message: `"${f}" does not apply to "when": "${r.when}" (it is for ${owners}); ${r.when} reads ${FIELDS_OF[r.when].join(', ')}` });
        }
      }
    });
  });

export type PlaybooksConfig = z.output<typeof playbooksSchema>;
export type PlaybookRule = z.output<typeof ruleSchema>;
export type WebhookConfig = z.output<typeof webhookSchema>;
