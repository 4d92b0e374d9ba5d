import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ProjectConfig } from '../config/configSchema.js';
import type { Keyring } from '../ingest/createKeyring.js';
import { clientBucket } from './clientBucket.js';

export interface ReadAuthOptions {
  keyring: Keyring;
  /** Failed read-key attempts allowed per client (IPv4 address or IPv6 /64) per window. */
  maxFailures: number;
  windowMs: number;
  /** @default Date.now */
  now?: () => number;
}

/** How long a key that worked from a client stays trusted there while that client is blocked. */
const TRUST_MS = 24 * 3_600_000;
/** Bounds on the bookkeeping, so a flood of addresses cannot grow memory without end. */
const MAX_CLIENTS = 100_000;
const MAX_TRUSTED = 100_000;

/**
 * Read-key authentication for every read endpoint (reports, project, live events), with
 * failed attempts limited per client: past `maxFailures` wrong keys in a window, the
 * client gets 429 + Retry-After until the window ends, whatever key it sends, so a guess
 * cannot be told apart from a miss (issue 11: 3,000 guesses took 1.25 s). Legitimate
 * readers are not slowed: only failures count, and a key that already worked from a client
 * keeps working there during a block (a dashboard behind the same NAT as a guesser).
 */
export function createReadAuth(o: ReadAuthOptions) {
  const now = o.now ?? Date.now;
  const failures = new Map<string, { start: number; count: number }>();
  const trusted = new Map<string, number>();

  const windowOf = (bucket: string, t: number) => {
    const w = failures.get(bucket);
    return w && t - w.start < o.windowMs ? w : undefined;
  };
  const forgetOld = (t: number) => {
    if (failures.size >= MAX_CLIENTS) for (const [k, w] of failures) if (t - w.start >= o.windowMs) failures.delete(k);
    // Still full: every entry is live; drop the oldest half rather than grow (the map keeps insertion order).
    if (failures.size >= MAX_CLIENTS) for (const k of [...failures.keys()].slice(0, MAX_CLIENTS / 2)) failures.delete(k);
    if (trusted.size >= MAX_TRUSTED) trusted.clear();
  };

  /**
   * The project of the request's read key (`Authorization: Bearer <key>`, else `?key=`),
   * or undefined after answering 401 or 429 itself.
   */
  return function authenticate(req: FastifyRequest, reply: FastifyReply): ProjectConfig | undefined {
    const t = now();
    const bucket = clientBucket(req.ip);
    const key = readKeyOf(req);
    const w = windowOf(bucket, t);
    if (w && w.count >= o.maxFailures) {
      const since = key ? trusted.get(`${bucket}\u0000${key}`) : undefined;
      if (since === undefined || t - since > TRUST_MS || !o.keyring.projectForReadKey(key)) {
        const wait = Math.max(1, Math.ceil((w.start + o.windowMs - t) / 1000));
        reply.code(429).header('Retry-After', String(wait)).send({
          error: 'too_many_failed_keys',
          message: `too many wrong read keys from ${req.ip}; retry in ${wait} s`,
          retryAfter: wait,
        });
        return undefined;
      }
    }
    const project = o.keyring.projectForReadKey(key);
    if (project) {
      trusted.set(`${bucket}\u0000${key}`, t);
      return project;
    }
    forgetOld(t);
    if (w) w.count++;
    else failures.set(bucket, { start: t, count: 1 });
    reply.code(401).send({ error: 'unknown_read_key', message: 'send a read key as "Authorization: Bearer <key>"' });
    return undefined;
  };
}

export type ReadAuth = ReturnType<typeof createReadAuth>;

function readKeyOf(req: FastifyRequest): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7);
  const q = (req.query as Record<string, unknown> | undefined)?.key;
  const key = Array.isArray(q) ? q[0] : q;
  return typeof key == 'string' ? key : undefined;
}
