import type { z } from 'zod';
import { knownFieldsAt, nearestField, unknownFieldMessage } from './unknownFields.js';

/**
 * One line per problem, each naming the field path: `projects[0].writeKeys: …`. With the
 * schema that produced the issues, an unknown field gets its own line and the nearest
 * known name: `rateLimt: unknown field; did you mean "rateLimit"?`; a mistyped choice too
 * (`store: … did you mean "clickhouse"?`, when the issues carry their input).
 */
export function formatIssues(issues: readonly z.core.$ZodIssue[], schema?: z.ZodType): string[] {
  return issues.flatMap((i) => {
    if (i.code == 'unrecognized_keys' && schema) {
      const known = knownFieldsAt(schema, i.path);
      return i.keys.map((k) => `${formatPath([...i.path, k])}: ${unknownFieldMessage(k, known)}`);
    }
    // A choice among fixed values, mistyped: name the nearest ("clickhose" → "clickhouse").
    if (i.code == 'invalid_value' && typeof i.input == 'string') {
      const near = nearestField(i.input, i.values.filter((x): x is string => typeof x == 'string'));
      if (near) return [`${formatPath(i.path) || '(root)'}: ${i.message}; did you mean "${near}"?`];
    }
    return [`${formatPath(i.path) || '(root)'}: ${i.message}`];
  });
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p == 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}
