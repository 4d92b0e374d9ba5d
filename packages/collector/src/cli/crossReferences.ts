import { formatPath } from '../config/formatIssues.js';
import type { Kind } from './validateFile.js';

/**
 * Cross-reference problems (duplicate ids, `dependsOn` naming an unknown or later item),
 * found even when the definition also has structural problems. The schemas check these
 * too, but only once the structure is right (zod, and the browser mirroring it, skip a
 * refinement after a hard error), so a file with a wrong type and a duplicate id would need
 * two rounds of fixing. Same paths and texts as the schemas (packages/schema/src), so
 * `validateFile` merges both lists without repeating a problem.
 */
export function crossReferenceProblems(kind: Kind, value: unknown): string[] {
  if (kind == 'checklist') return checklistProblems(value);
  if (kind == 'flow') return Array.isArray(value) ? value.flatMap((f, i) => flowProblems(f, [i])) : flowProblems(value, []);
  return [];
}

const list = (v: unknown, key: string): unknown[] => (isObject(v) && Array.isArray(v[key]) ? (v[key] as unknown[]) : []);
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v == 'object' && !Array.isArray(v);
const line = (path: PropertyKey[], message: string) => `${formatPath(path)}: ${message}`;

function checklistProblems(c: unknown): string[] {
  const out: string[] = [];
  const seen: string[] = [];
  list(c, 'items').forEach((item, i) => {
    if (!isObject(item)) return;
    const id = typeof item.id == 'string' ? item.id : undefined;
    if (id !== undefined && seen.includes(id)) out.push(line(['items', i, 'id'], `duplicate item id "${id}"`));
    if (Array.isArray(item.dependsOn)) {
      item.dependsOn.forEach((d, j) => {
        if (typeof d == 'string' && !seen.includes(d)) out.push(line(['items', i, 'dependsOn', j], 'expected the id of an earlier item'));
      });
    }
    if (id !== undefined) seen.push(id);
  });
  return out;
}

function flowProblems(f: unknown, at: PropertyKey[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  list(f, 'steps').forEach((s, i) => {
    // Step ids are trimmed by the schema: " s1" and "s1" are the same step.
    const id = isObject(s) && typeof s.id == 'string' ? s.id.trim() : undefined;
    if (id === undefined) return;
    if (seen.has(id)) out.push(line([...at, 'steps', i, 'id'], `duplicate step id "${id}"`));
    seen.add(id);
  });
  return out;
}
