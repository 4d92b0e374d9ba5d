import { z } from 'zod';
import { checklistSchema, checklistsSchema } from './checklist.js';
import { surveySchema, TRIGGER_KINDS } from './survey.js';
import { tourSchema, GUIDE_TRIGGER_KINDS } from './tour.js';
import { guideSchema } from './guide.js';
import { CONDITION_KINDS } from './rules.js';
import { playbookSchema, WHEN_KINDS, DO_KINDS } from './playbook.js';

/**
 * Definitions product teams write as JSON, by kind. Surveys add their schema here; the
 * `sabu validate` command and the JSON Schema files are derived from this table.
 */
export const DEFINITION_SCHEMAS: Record<string, { schema: z.ZodType; title: string; doc: string; list?: z.ZodType }> = {
  checklist: { schema: checklistSchema, list: checklistsSchema, title: 'Sabu onboarding checklist', doc: 'docs/checklists.md' },
  survey: { schema: surveySchema, title: 'Sabu in-app survey (NPS, CSAT, CES)', doc: 'docs/surveys.md' },
  tour: { schema: tourSchema, title: 'Sabu product tour', doc: 'docs/tours.md' },
  guide: { schema: guideSchema, title: 'Sabu guide (hotspot, banner, announcement)', doc: 'docs/tours.md' },
  playbook: { schema: playbookSchema, title: 'Sabu client playbook (when a signal crosses a line, act)', doc: 'docs/playbooks.md' },
};

export type DefinitionKind = keyof typeof DEFINITION_SCHEMAS;

/** One problem of a definition: where (`items[2].completeWhen.event`, `''` for the root) and what. */
export interface DefinitionError {
  path: string;
  message: string;
}

/** `['items', 2, 'id']` → `items[2].id`, the path the SDK prints in its `[sabu]` errors. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p == 'number' ? `[${p}]` : (out ? '.' : '') + String(p);
  return out;
}

/**
 * Validates a definition (an object, a list of them where the kind allows, or its JSON text) the way the SDK does in the
 * browser, with the same paths and texts. Pure: for the `sabu validate` CLI and for CI.
 * @example validateDefinition('checklist', readFileSync('onboarding.json', 'utf8'))
 */
export function validateDefinition(kind: string, json: unknown): { ok: boolean; errors: DefinitionError[] } {
  const entry = DEFINITION_SCHEMAS[kind];
  if (!entry) return { ok: false, errors: [{ path: '', message: `unknown kind "${kind}"; expected one of ${Object.keys(DEFINITION_SCHEMAS).join(', ')}` }] };
  let value = json;
  if (typeof json == 'string') {
    try {
      value = JSON.parse(json);
    } catch (err) {
      return { ok: false, errors: [{ path: '', message: `not valid JSON (${(err as Error).message})` }] };
    }
  }
  // A kind that may come as a list (several checklists in one file) is checked as one.
  const r = (Array.isArray(value) && entry.list ? entry.list : entry.schema).safeParse(value);
  const errors = r.success ? [] : r.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
  return { ok: errors.length == 0, errors };
}

/**
 * The published JSON Schema of a kind (`packages/schema/<kind>.schema.json`), for editors:
 * `{ "$schema": "https://sabu.dev/schema/checklist.schema.json", ... }`.
 */
export function toJsonSchema(kind: string): Record<string, unknown> {
  const entry = DEFINITION_SCHEMAS[kind]!;
  const schema = z.toJSONSchema(entry.schema, {
    io: 'input',
    override: (ctx) => {
      const js = ctx.jsonSchema as { properties?: Record<string, unknown>; anyOf?: unknown };
      // zod cannot express "exactly one kind" in JSON Schema; editors still get told at least one.
      if (js.properties?.visible && js.properties.trait) js.anyOf = CONDITION_KINDS.map((k) => ({ required: [k] }));
      if (js.properties?.friction && js.properties.sessions) js.anyOf = (js.properties.requested ? GUIDE_TRIGGER_KINDS : TRIGGER_KINDS).map((k) => ({ required: [k] }));
      if (js.properties?.noValueAfterDays) js.anyOf = WHEN_KINDS.map((k) => ({ required: [k] }));
      if (js.properties?.hint && js.properties.survey) js.anyOf = DO_KINDS.map((k) => ({ required: [k] }));
    },
  });
  return { ...schema, $id: `https://sabu.dev/schema/${kind}.schema.json`, title: entry.title, description: `See ${entry.doc}.` };
}
