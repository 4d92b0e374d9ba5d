import { MAX_DELAY_SECONDS, MAX_TRIGGERS, SURVEY_BUCKETS, SURVEY_EXPECTED, TRIGGER_KINDS } from '@sabu/schema/texts';
import { EXPECTED, arrayOf, at, is, isAudience, isId, isText, isValues, nonEmpty, object, optional, type Check, type Issues } from '../shared/validateRules.js';
import { checkVariants, isExperiment } from '../shared/validateExperiment.js';

/** Limits and texts are the schema package's own (zod-free `@sabu/schema/texts`). */
export { SURVEY_BUCKETS, SURVEY_EXPECTED, TRIGGER_KINDS };

const isNum = (v: unknown): v is number => typeof v == 'number' && Math.abs(v) < Infinity;
const isInt = (v: unknown) => Number.isSafeInteger(v);
/** A number within [min, max]; soft when it is a number out of range (as zod's min/max). */
export const range = (min: number, max: number, message: string): Check => is((v) => isNum(v) && v >= min && v <= max, message, isNum);
export const oneOf = (values: readonly string[], message: string): Check => is((v) => values.includes(v), message);
const days = range(0, 1e6, SURVEY_EXPECTED.days);

/** The checks of a trigger's fields, as a plain shape: tours and guides spread it and add `requested`. */
export const TRIGGER_CHECKS: Record<string, Check> = {
  event: optional(nonEmpty),
  properties: optional(isValues),
  sessions: optional(is((v) => isInt(v) && v > 0, SURVEY_EXPECTED.count, isInt)),
  daysAfterSignup: optional(days),
  url: optional(nonEmpty),
  checklistCompleted: optional(nonEmpty),
  flowCompleted: optional(nonEmpty),
  flowAbandoned: optional(nonEmpty),
  friction: optional(oneOf(['rage', 'dead', 'any'], SURVEY_EXPECTED.friction)),
  page: optional(nonEmpty),
  delaySeconds: optional(range(0, MAX_DELAY_SECONDS, SURVEY_EXPECTED.delay)),
};

/** A trigger's cross-field rules: exactly one of `kinds`, and the fields only some kinds allow. */
export const refineTrigger =
  (kinds: readonly string[], message: string) =>
  (t: Record<string, any>, p: string, out: Issues) => {
    if (kinds.filter((k) => t[k] !== undefined).length != 1) out.push([p, message, 1]);
    if (t.properties !== undefined && t.event === undefined) out.push([at(p, 'properties'), EXPECTED.onlyWithEvent, 1]);
    if (t.page !== undefined && t.friction === undefined) out.push([at(p, 'page'), SURVEY_EXPECTED.onlyWithFriction, 1]);
  };

const isTrigger = object(TRIGGER_CHECKS, refineTrigger(TRIGGER_KINDS, SURVEY_EXPECTED.trigger));

const text = optional(isText);
const isSurvey: Check = object(
  {
    $schema: optional(is((v) => typeof v == 'string', 'expected a string')),
    id: isId,
    kind: oneOf(['nps', 'csat', 'ces'], SURVEY_EXPECTED.kind),
    question: isText,
    labels: optional(object({ low: text, high: text })),
    followUp: optional(object({ question: text, detractor: text, passive: text, promoter: text, low: text, neutral: text, high: text, placeholder: text })),
    triggers: arrayOf(isTrigger, SURVEY_EXPECTED.triggers, 1, MAX_TRIGGERS),
    audience: optional(isAudience),
    sampleRate: optional(range(0, 1, SURVEY_EXPECTED.rate)),
    resurveyAfterDays: optional(days),
    afterDismissDays: optional(days),
    priority: optional(is(isInt, SURVEY_EXPECTED.priority)),
    experiment: optional(isExperiment),
  },
  (s, p, out) => {
    const kind = s.kind as keyof typeof SURVEY_BUCKETS;
    const allowed: readonly string[] = SURVEY_BUCKETS[kind];
    for (const k of ['detractor', 'passive', 'promoter', 'low', 'neutral', 'high'])
      if (s.followUp?.[k] !== undefined && !allowed.includes(k)) out.push([at(at(p, 'followUp'), k), SURVEY_EXPECTED.bucket(kind), 1]);
    checkVariants(s, p, out, isSurvey);
  },
);

/**
 * Checks a survey definition by hand (zod stays out of the browser bundle), with the
 * paths and texts of `surveySchema`. Returns every problem; none means it is valid.
 */
export function validateSurvey(def: unknown): [path: string, message: string][] {
  const out: Issues = [];
  isSurvey(def, '', out);
  return out.map(([path, message]) => [path, message]);
}
