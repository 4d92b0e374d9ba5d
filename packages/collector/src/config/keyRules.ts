/**
 * What makes a usable key. Read keys are the only secret in a Sabu setup (they open every
 * report), so a key must be long and varied enough that guessing it is hopeless even
 * without the read-auth rate limit. Write keys ship in every page, so their strength
 * protects nothing, but they follow the same rules: one rule is easier to get right.
 */

/** 16 visible characters: 2^64+ guesses even for hex; generateKey() makes 35. */
export const MIN_KEY_LENGTH = 16;
/** "aaaaaaaaaaaaaaaa" or "abababab…" is a placeholder, not a key. 16 hex digits have ≥ 6 distinct in all but ~1e-4 of draws. */
export const MIN_KEY_DISTINCT_CHARS = 6;
/** Keys travel in HTTP headers and URLs: visible ASCII only, so no space, tab, line break or non-ASCII letter can sneak in. */
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;
/** The shipped example's placeholder: a copied example must not start with a publicly known read key. */
const PLACEHOLDER = /change[_-]?me/i;

/** Why `key` cannot be used, or null when it can. */
export function keyProblem(key: string): string | null {
  if (!VISIBLE_ASCII.test(key)) return 'keys may only hold visible ASCII characters: no spaces, tabs, line breaks or non-ASCII letters';
  if (key.length < MIN_KEY_LENGTH) return `keys must be at least ${MIN_KEY_LENGTH} characters long (got ${key.length}); generate one with \`npx sabu init\``;
  if (new Set(key).size < MIN_KEY_DISTINCT_CHARS) return `keys need at least ${MIN_KEY_DISTINCT_CHARS} different characters; generate one with \`npx sabu init\``;
  if (PLACEHOLDER.test(key)) return 'this is the example\'s placeholder: replace it with a generated key (`npx sabu init`)';
  return null;
}
