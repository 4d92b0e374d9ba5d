import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Identity verification (as Intercom's): the host's backend signs the user id with the
 * project's `identitySecret`, HMAC-SHA256 in hex, and the page passes it to
 * `identify(userId, traits, { signature })`. The write key is public, so only this proves
 * that the page speaks for that user.
 */
export const signUserId = (secret: string, userId: string) => createHmac('sha256', secret).update(userId).digest('hex');

/**
 * Whether `signature` is the user id's signature under any of the secrets. Compared in
 * constant time over fixed-length digests, so neither a wrong length nor a wrong first
 * byte answers faster than a near miss.
 */
export function identityVerified(secrets: readonly string[], userId: string, signature: unknown): boolean {
  if (typeof signature != 'string' || !/^[0-9a-f]{64}$/i.test(signature)) return false;
  const given = Buffer.from(signature.toLowerCase(), 'hex');
  let ok = false;
  for (const s of secrets) ok = timingSafeEqual(Buffer.from(signUserId(s, userId), 'hex'), given) || ok;
  return ok;
}
