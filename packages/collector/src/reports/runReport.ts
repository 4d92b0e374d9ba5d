import { z } from 'zod';
import type { CollectorConfig, ProjectConfig } from '../config/configSchema.js';
import { formatIssues } from '../config/formatIssues.js';
import { MAX_TIME_ISO, MIN_TIME_ISO, inTimeRange } from '../store/timeRange.js';
import type { Store } from '../store/Store.js';
import type { ReportQuery } from '../store/queryTypes.js';
import { ttvReport } from './ttvReport.js';
import { checklistReport } from './checklistReport.js';
import { voiceReport } from './voiceReport.js';
import { frictionReport } from './frictionReport.js';
import { adoptionReport } from './adoptionReport.js';
import { healthReport } from './healthReport.js';
import { tourReport } from './tourReport.js';
import { guideReport } from './guideReport.js';
import { experimentReport } from './experimentReport.js';

export const REPORT_NAMES = ['ttv', 'checklists', 'voice', 'friction', 'adoption', 'health', 'tours', 'guides', 'experiments'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

const time = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), 'expected a date such as 2026-01-31 or 2026-01-31T12:00:00Z')
  .transform((s) => Date.parse(s))
  .refine(inTimeRange, `expected a date from ${MIN_TIME_ISO} to before ${MAX_TIME_ISO}`);

/** Report parameters as they arrive from a query string or CLI flags. */
export const reportParamsSchema = z.object({
  by: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'a trait name or signup_week / signup_month').default('signup_week'),
  from: time.optional(),
  to: time.optional(),
  asOf: time.optional(),
  where: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}:.{1,200}$/, 'expected trait:value, e.g. plan:pro')
    .transform((s) => [s.slice(0, s.indexOf(':')), s.slice(s.indexOf(':') + 1)] as [string, string])
    .optional(),
  windowDays: z.coerce.number().int().min(1).max(365).optional(),
  /** experiments: only this experiment id. */
  experiment: z.string().min(1).max(200).optional(),
  /** experiments: the arm the others are compared with (default "control", else the first by name). */
  control: z.string().min(1).max(200).optional(),
});

export class ReportParamsError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid report parameters: ${problems.join('; ')}`);
  }
}

/** Runs a report by name for a project with raw parameters; throws ReportParamsError on bad input. */
export async function runReport(
  store: Store,
  config: Pick<CollectorConfig, 'health'>,
  project: ProjectConfig,
  name: ReportName,
  raw: Record<string, unknown>,
  now = Date.now(),
): Promise<unknown> {
  const parsed = reportParamsSchema.safeParse(raw);
  if (!parsed.success) throw new ReportParamsError(formatIssues(parsed.error.issues));
  const p = parsed.data;
  const base: ReportQuery = { projectId: project.id, asOf: p.asOf ?? now, from: p.from, to: p.to, where: p.where };
  const health = p.windowDays ? { ...config.health, windowDays: p.windowDays } : config.health;
  switch (name) {
    case 'ttv':
      return ttvReport(store, { ...base, by: p.by, valueEvent: project.valueEvent });
    case 'checklists':
      return checklistReport(store, base);
    case 'voice':
      return voiceReport(store, { ...base, by: p.by });
    case 'friction':
      return frictionReport(store, base);
    case 'adoption':
      return adoptionReport(store, { projectId: project.id, asOf: base.asOf, windowDays: health.windowDays });
    case 'health':
      return healthReport(store, { projectId: project.id, asOf: base.asOf, valueEvent: project.valueEvent }, health);
    case 'tours':
      return tourReport(store, { ...base, by: p.by });
    case 'guides':
      return guideReport(store, { ...base, by: p.by });
    case 'experiments':
      return experimentReport(store, { ...base, valueEvent: project.valueEvent, experiment: p.experiment, control: p.control });
  }
}
