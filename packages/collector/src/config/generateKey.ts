import { randomBytes } from 'node:crypto';
import { keyProblem } from './keyRules.js';

export type KeyKind = 'write' | 'read';

/** Prefixes say what a key opens when it turns up in a log or a page source. */
const PREFIX: Record<KeyKind, string> = { write: 'wk_', read: 'rk_' };
/** 24 random bytes = 192 bits, 32 base64url characters. */
const KEY_BYTES = 24;

/**
 * A fresh random key for a project's `writeKeys` or `readKeys`, e.g. `rk_3q2-…` (35
 * characters, 192 random bits from the OS CSPRNG). It always passes the config's key rules.
 *
 * @example generateKey('read') // 'rk_Zb1y2c7QnVxk0Jd5Lr8mWq3eT6uHaPsF'
 */
export function generateKey(kind: KeyKind): string {
  for (;;) {
    const key = PREFIX[kind] + randomBytes(KEY_BYTES).toString('base64url');
    // Astronomically rare (a draw spelling the placeholder), but "always passes" is a promise.
    if (!keyProblem(key)) return key;
  }
}
