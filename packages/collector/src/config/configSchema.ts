import { z } from 'zod';
import { keyProblem } from './keyRules.js';
import { playbooksSchema } from '../playbooks/playbookConfig.js';

/**
 * The collector's configuration file (`sabu.config.json`), validated at start-up so a typo
 * fails loudly with the field's path instead of silently accepting nobody's events. Every
 * object is strict: an unknown field ("rateLimt") is an error, not a silently ignored
 * setting. `sabu start` and `sabu validate` both parse with `collectorConfigSchema`.
 */

const key = z.string().superRefine((k, ctx) => {
  const problem = keyProblem(k);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** An origin as the browser sends it: scheme://host[:port], no path. `*` allows any. */
const origin = z
  .string()
  .refine((o) => o == '*' || /^https?:\/\/[^/\s]+$/.test(o), 'expected an origin like "https://app.example.com" (no path) or "*"');

export const projectSchema = z.strictObject({
  /** Stable id stored with every event. */
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'use lower-case letters, digits, "-" or "_"'),
  name: z.string().min(1).optional(),
  /** Keys the SDK sends as `writeKey`; public, so they only allow writing. */
  writeKeys: z.array(key).min(1),
  /** Secret keys for `/v1/reports/...` and the dashboard. */
  readKeys: z.array(key).min(1),
  /** Page origins allowed to send with this project's write keys (CORS). */
  origins: z.array(origin).default([]),
  /** The event that marks value for TTV when the SDK's `First Value Reached` is absent. */
  valueEvent: z.string().min(1).optional(),
  /**
   * Secrets your backend signs user ids with (HMAC-SHA256) for identity verification;
   * with them, POST /v1/state serves a user's guidance state to a page that passes a valid
   * signature to identify(). Several: rotation (sign with the new one, then drop the old).
   */
  identitySecrets: z.array(key).min(1).optional(),
});

export const healthWeightsSchema = z.strictObject({
  activity: z.number().min(0).default(0.3),
  breadth: z.number().min(0).default(0.2),
  onboarding: z.number().min(0).default(0.2),
  sentiment: z.number().min(0).default(0.15),
  friction: z.number().min(0).default(0.15),
});

export const healthSchema = z.strictObject({
  weights: healthWeightsSchema.default(healthWeightsSchema.parse({})),
  /** Accounts scoring below this are listed at risk. */
  atRiskBelow: z.number().min(0).max(100).default(50),
  /** Days looked back for activity, breadth and friction. */
  windowDays: z.int().min(1).max(365).default(30),
  /** Friction events per active user-day at which the friction component reaches 0. */
  frictionCeiling: z.number().positive().default(2),
});

/** The ClickHouse server (`store: "clickhouse"`); the password may come from SABU_CLICKHOUSE_PASSWORD instead. */
export const clickhouseSchema = z.strictObject({
  /** The HTTP interface, e.g. "http://127.0.0.1:8123" (https for TLS). */
  url: z.string().regex(/^https?:\/\/[^\s/]+\/?$/, 'expected the HTTP interface as http(s)://host:port, e.g. "http://127.0.0.1:8123"'),
  /** Database for Sabu's tables; created when missing. */
  database: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, 'letters, digits and "_", not starting with a digit').default('sabu'),
  username: z.string().min(1).optional(),
  password: z.string().optional(),
  /** Milliseconds one request to ClickHouse may take (a report over a large project). */
  requestTimeoutMs: z.int().min(1000).default(60_000),
  /**
   * Milliseconds an insert waits for more requests to join it: fewer, larger inserts cost
   * the server less per event; a 2xx may come this much later (0: insert at once). Default:
   * GATHER_MS in store/clickhouse/createChWriter.ts.
   */
  insertWaitMs: z.int().min(0).max(1000).optional(),
});

export const collectorConfigSchema = z
  .strictObject({
    /** The JSON schema an editor validates the file with; ignored by the collector. */
    $schema: z.string().optional(),
    /** Address to listen on; an IPv6 address may come in brackets as in URLs ("[::1]"). */
    host: z
      .string()
      .regex(/^(\[[0-9A-Fa-f:.%a-z0-9]+\]|[A-Za-z0-9._:%-]+)$/, 'expected an address or host name such as 127.0.0.1, 0.0.0.0 or ::, without scheme, port or path')
      .transform((h) => h.replace(/^\[(.*)\]$/, '$1'))
      .default('127.0.0.1'),
    port: z.int().min(0).max(65535).default(4318),
    /** DuckDB file; `:memory:` for throw-away runs. Unused with `store: "clickhouse"`. */
    database: z.string().min(1).default('.data/sabu.duckdb'),
    /**
     * Where events and reports live: `duckdb` (one file, one process; the default) or
     * `clickhouse` (a server or cluster that any number of collectors write to; see
     * docs/collector.md#clickhouse), which needs the `clickhouse` section.
     */
    store: z.enum(['duckdb', 'clickhouse']).default('duckdb'),
    clickhouse: clickhouseSchema.optional(),
    projects: z.array(projectSchema).min(1, 'add at least one project with a write key and a read key'),
    rateLimit: z
      .strictObject({
        /** Requests per window per write key and client IP. */
        max: z.int().min(1).default(600),
        windowMs: z.int().min(100).default(60_000),
      })
      .default({ max: 600, windowMs: 60_000 }),
    /**
     * Wrong read keys allowed per client IP (IPv6: per /64) per window on the read
     * endpoints; past it, 429 + Retry-After until the window ends.
     */
    readAuthLimit: z
      .strictObject({
        maxFailures: z.int().min(1).default(30),
        windowMs: z.int().min(100).default(60_000),
      })
      .default({ maxFailures: 30, windowMs: 60_000 }),
    health: healthSchema.default(healthSchema.parse({})),
    /** Account rules and the webhooks they fire (docs/playbooks.md). */
    playbooks: playbooksSchema.default(playbooksSchema.parse({})),
    /** Milliseconds SIGTERM waits for in-flight requests before exiting anyway. */
    shutdownTimeoutMs: z.int().min(0).default(10_000),
    /**
     * Milliseconds a client has to send a whole request, headers and body; then `408` and
     * the connection is closed, so stalled uploads cannot pile up (checked every few seconds).
     */
    requestTimeoutMs: z.int().min(100).default(20_000),
    /** Milliseconds to send the request headers (at most requestTimeoutMs). */
    headersTimeoutMs: z.int().min(100).default(10_000),
    /** Milliseconds an idle keep-alive connection stays open between requests. */
    keepAliveTimeoutMs: z.int().min(100).default(5_000),
    /** Open connections accepted at once; more are refused until some close. */
    maxConnections: z.int().min(1).default(1_000),
  })
  .superRefine((config, ctx) => {
    for (const p of uniquenessProblems(config.projects)) ctx.addIssue({ code: 'custom', path: p.path, message: p.message });
    if (config.store == 'clickhouse' && !config.clickhouse) {
      ctx.addIssue({ code: 'custom', path: ['clickhouse'], message: 'store "clickhouse" needs the server: "clickhouse": { "url": "http://127.0.0.1:8123" } (or SABU_CLICKHOUSE_URL, or --clickhouse-url)' });
    }
    const ids = config.projects.map((p) => p.id);
    config.playbooks.rules.forEach((r, i) =>
      r.projects?.forEach((id, j) => {
        if (!ids.includes(id)) ctx.addIssue({ code: 'custom', path: ['playbooks', 'rules', i, 'projects', j], message: `no project "${id}" (projects: ${ids.join(', ')})` });
      }),
    );
  });

/**
 * A key used twice would route events (or reports) to whichever project is found first,
 * and a read key equal to a write key would publish the read key in every page.
 */
function uniquenessProblems(projects: readonly { id: string; writeKeys: string[]; readKeys: string[]; identitySecrets?: string[] }[]) {
  const seen = new Map<string, string>();
  const out: { path: (string | number)[]; message: string }[] = [];
  projects.forEach((p, i) => {
    for (const kind of ['writeKeys', 'readKeys'] as const) {
      p[kind].forEach((k, j) => {
        const prev = seen.get(k);
        if (prev) out.push({ path: ['projects', i, kind, j], message: `the same key is already used at ${prev}; every key must be unique` });
        else seen.set(k, `projects[${i}].${kind}[${j}]`);
      });
    }
    // A write key ships in every page: an identity secret equal to one would be public.
    p.identitySecrets?.forEach((k, j) => {
      const prev = seen.get(k);
      if (prev) out.push({ path: ['projects', i, 'identitySecrets', j], message: `the same value is already used at ${prev}; an identity secret must be unique and never a key` });
    });
    const first = projects.findIndex((x) => x.id == p.id);
    if (first != i) out.push({ path: ['projects', i, 'id'], message: `"${p.id}" is already used by projects[${first}]` });
  });
  return out;
}

export type CollectorConfigInput = z.input<typeof collectorConfigSchema>;
export type CollectorConfig = z.output<typeof collectorConfigSchema>;
export type ProjectConfig = z.output<typeof projectSchema>;
export type HealthConfig = z.output<typeof healthSchema>;
export type ClickHouseConfig = z.output<typeof clickhouseSchema>;
