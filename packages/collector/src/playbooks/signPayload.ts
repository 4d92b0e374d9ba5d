import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header carrying the signature: `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const SIGNATURE_HEADER = 'x-sabu-signature';

/**
 * Signs a webhook body as Stripe does: HMAC-SHA256 over `${t}.${body}` with the webhook's
 * secret, where t is the sending time in Unix seconds. Including t lets a receiver refuse
 * an old request replayed by someone who captured it (check |now − t| < 5 min).
 */
export function signPayload(secret: string, body: string, t: number): string {
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

/**
 * What a receiver does (docs/playbooks.md shows the same in a few lines): recompute and
 * compare in constant time. Exported for tests and for Node receivers to copy.
 */
export function verifySignature(secret: string, body: string, header: string | undefined, now = Date.now(), toleranceS = 300): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!m) return false;
  const t = Number(m[1]);
  if (Math.abs(now / 1000 - t) > toleranceS) return false;
  const expected = Buffer.from(signPayload(secret, body, t).slice(-64), 'hex');
  return timingSafeEqual(expected, Buffer.from(m[2]!, 'hex'));
}
