import * as schema from '@sabu/schema';
import { batchSchema, configSchema, incomingMessageSchema } from '@sabu/schema';
import type { z } from 'zod';
import { collectorConfigSchema } from '../config/configSchema.js';
import { checkCollectorConfig } from '../config/checkCollectorConfig.js';
import { formatIssues } from '../config/formatIssues.js';
import { readJsonFile } from '../config/readJsonFile.js';
import { crossReferenceProblems } from './crossReferences.js';

/** Kinds `sabu validate` knows; flows, checklists, surveys, tours, guides and playbooks use @sabu/schema's schemas when it has them. */
export const KINDS = ['flow', 'checklist', 'survey', 'tour', 'guide', 'playbook', 'batch', 'event', 'sdk-config', 'collector-config'] as const;
export type Kind = (typeof KINDS)[number];

/** Guesses a definition's kind from its shape (or `$schema` / `kind` fields). */
export function detectKind(v: unknown): Kind | null {
  if (Array.isArray(v)) {
    const all = (ok: (o: Record<string, unknown>) => boolean) => v.length > 0 && v.every((x) => x && typeof x == 'object' && ok(x as Record<string, unknown>));
    // A file may hold a list of flows (the SDK's `flows` option), of playbooks (`data-playbooks`) or of checklists (`checklists`).
    return all((o) => Array.isArray(o.steps)) ? 'flow' : all((o) => 'when' in o && 'do' in o) ? 'playbook' : all((o) => Array.isArray(o.items)) ? 'checklist' : null;
  }
  if (!v || typeof v != 'object') return null;
  const o = v as Record<string, unknown>;
  const hint = String(o.$schema ?? '');
  for (const k of ['flow', 'checklist', 'survey', 'tour', 'guide', 'playbook'] as const) if (hint.includes(k)) return k;
  if (['hotspot', 'banner', 'announcement'].includes(String(o.kind))) return 'guide';
  if (Array.isArray(o.batch)) return 'batch';
  if (Array.isArray(o.projects)) return 'collector-config';
  if ('writeKey' in o && 'endpoint' in o) return 'sdk-config';
  if ('messageId' in o && 'type' in o) return 'event';
  // Tour steps have text; flow steps say what completes them.
  if (Array.isArray(o.steps)) return o.steps.some((x) => x && typeof x == 'object' && 'text' in x) ? 'tour' : 'flow';
  if (Array.isArray(o.items)) return 'checklist';
  if ('when' in o && 'do' in o) return 'playbook';
  if ('question' in o || ['nps', 'csat', 'ces'].includes(String(o.kind))) return 'survey';
  return null;
}

/** The schema export each kind is validated with; null while @sabu/schema has none. */
function schemaFor(kind: Kind, value: unknown): z.ZodType | null {
  const s = schema as unknown as Record<string, z.ZodType | undefined>;
  switch (kind) {
    case 'flow':
      return (Array.isArray(value) ? s.flowsSchema : s.flowSchema) ?? null;
    case 'checklist':
      return (Array.isArray(value) ? s.checklistsSchema : s.checklistSchema) ?? null;
    case 'survey':
      return s.surveySchema ?? null;
    case 'tour':
      return s.tourSchema ?? null;
    case 'guide':
      return s.guideSchema ?? null;
    case 'playbook':
      return (Array.isArray(value) ? s.playbooksSchema : s.playbookSchema) ?? null;
    case 'batch':
      return batchSchema;
    case 'event':
      return incomingMessageSchema;
    case 'sdk-config':
      return configSchema;
    case 'collector-config':
      return collectorConfigSchema;
  }
}

export interface ValidateResult {
  ok: boolean;
  kind: Kind | null;
  problems: string[];
}

/** Validates a JSON file; every problem names its field path. */
export function validateFile(path: string, kind?: Kind): ValidateResult {
  const file = readJsonFile(path);
  if (!file.ok) return { ok: false, kind: kind ?? null, problems: [file.problem] };
  const value = file.value;
  const k = kind ?? detectKind(value);
  if (!k) return { ok: false, kind: null, problems: [`cannot tell what this file defines; pass --kind ${KINDS.join('|')}`] };
  if (k == 'collector-config') {
    // The same check `sabu start` runs, so a config that validates also starts.
    const c = checkCollectorConfig(value);
    return { ok: c.ok, kind: k, problems: c.ok ? [] : c.problems };
  }
  const s = schemaFor(k, value);
  if (!s) return { ok: false, kind: k, problems: [`this version of @sabu/schema has no ${k} schema yet`] };
  const r = s.safeParse(value);
  const problems = r.success ? [] : formatIssues(r.error.issues);
  if (r.success && k == 'batch') {
    // Events are checked one by one, as the collector does, so each problem names its index.
    (value as { batch: unknown[] }).batch.forEach((ev, i) => {
      const er = incomingMessageSchema.safeParse(ev);
      if (!er.success) problems.push(...formatIssues(er.error.issues.map((x) => ({ ...x, path: ['batch', i, ...x.path] }))));
    });
  }
  if (k == 'sdk-config') {
    // Definitions written inline in an SDK config are checked as their own files would be.
    const cfg = value as Record<string, unknown>;
    const inline: [string, z.ZodType, unknown][] = [
      ['checklist', schema.checklistSchema, cfg.checklist],
      ['checklists', Array.isArray(cfg.checklists) ? schema.checklistsSchema : schema.checklistSchema, cfg.checklists],
    ];
    for (const [key, sch, v] of inline) {
      if (!v || typeof v != 'object') continue; // absent, or a URL the browser loads
      const ir = sch.safeParse(v);
      if (!ir.success) problems.push(...formatIssues(ir.error.issues.map((x) => ({ ...x, path: [key, ...x.path] }))));
    }
  }
  // Cross-references the schema skipped because of a structural problem: all in one pass.
  for (const p of crossReferenceProblems(k, value)) if (!problems.includes(p)) problems.push(p);
  return { ok: problems.length == 0, kind: k, problems };
}
