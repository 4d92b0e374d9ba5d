import type { z } from 'zod';
import { knownFieldsAt, unknownFieldMessage } from './unknownFields.js';

/**
 * One line per problem, each naming the field path: `projects[0].writeKeys: …`. With the
 * schema that produced the issues, an unknown field gets its own line and the nearest
 * known name: `rateLimt: unknown field; did you mean "rateLimit"?`.
 */
export function formatIssues(issues: readonly z.core.$ZodIssue[], schema?: z.ZodType): string[] {
  return issues.flatMap((i) => {
    if (i.code == 'unrecognized_keys' && schema) {
      const known = knownFieldsAt(schema, i.path);
      return i.keys.map((k) => `${formatPath([...i.path, k])}: ${unknownFieldMessage(k, known)}`);
    }
    return [`${formatPath(i.path) || '(root)'}: ${i.message}`];
  });
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p == 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}
