import type { z } from 'zod';

/** One line per problem, each naming the field path: `projects[0].writeKeys: …`. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((i) => `${formatPath(i.path) || '(root)'}: ${i.message}`);
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p == 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}
