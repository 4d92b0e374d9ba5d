import type { z } from 'zod';

/**
 * Names for `unrecognized_keys` issues: zod says which keys are unknown but not what was
 * meant. Walking the schema to the object at the path gives its known fields, and
 * the nearest one (edit distance) is the likely typo: "rateLimt" → "rateLimit".
 */

type Def = { type: string; shape?: Record<string, unknown>; innerType?: unknown; in?: unknown; element?: unknown; valueType?: unknown };
const defOf = (s: unknown) => (s as { _zod?: { def?: Def } })?._zod?.def;

/** The known field names of the object `path` leads to in `schema`, or [] when the path is not an object. */
export function knownFieldsAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let s: unknown = schema;
  let i = 0;
  for (let guard = 0; guard < 100 && s; guard++) {
    const d = defOf(s);
    if (!d) return [];
    if (d.innerType) s = d.innerType; // optional, default, nullable, readonly, catch…
    else if (d.type == 'pipe') s = d.in;
    else if (i == path.length) return d.type == 'object' && d.shape ? Object.keys(d.shape) : [];
    else if (d.type == 'object' && d.shape) s = d.shape[String(path[i++])];
    else if (d.type == 'array') (s = d.element), i++;
    else if (d.type == 'record') (s = d.valueType), i++;
    else return [];
  }
  return [];
}

/** The candidate closest to `word` by edit distance (case-insensitive), when close enough to be a typo. */
export function nearestField(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) (best = c), (bestD = d);
  }
  // A third of the word may be wrong ("rateLimt", "readkeys", "prots"); beyond that a guess misleads.
  return bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** Levenshtein distance; two rows of the table are enough. */
function editDistance(a: string, b: string): number {
  if (a.length > 64 || b.length > 64) return Infinity; // a long key is no typo; bounds the work
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] == b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** One line per unknown field: `projects[0].rateLimt: unknown field; did you mean "rateLimit"?` */
export function unknownFieldMessage(key: string, known: readonly string[]): string {
  const near = nearestField(key, known);
  return near ? `unknown field; did you mean "${near}"?` : known.length ? `unknown field; known fields: ${known.join(', ')}` : 'unknown field';
}
