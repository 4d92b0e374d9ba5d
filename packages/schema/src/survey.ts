import { z } from 'zod';
import { MAX_DELAY_SECONDS, MAX_TRIGGERS, SURVEY_BUCKETS, SURVEY_EXPECTED, SURVEY_SCALES, TRIGGER_KINDS, type SurveyKind } from './texts.js';
import { EXPECTED, unknownKeys, audienceSchema, idSchema, nonEmpty, textSchema, valuesSchema } from './rules.js';
import { experimentSchema, refineVariants } from './experiment.js';

/**
 * In-context surveys (NPS, CSAT, CES): written by product teams as JSON
 * (`survey.schema.json`), shown by the SDK when a trigger fires and throttling allows.
 * The browser checks the same rules by hand (packages/sdk/src/guidance/survey/surveyValidate.ts);
 * tests/unit/schema/surveyAgreement.test.ts keeps the two in step. See docs/surveys.md.
 */

export { MAX_DELAY_SECONDS, MAX_TRIGGERS, SURVEY_BUCKETS, SURVEY_EXPECTED, SURVEY_SCALES, TRIGGER_KINDS, type SurveyKind };

/** Strict-object errors: unknown fields named, anything else "expected an object". */
export const objectError = { error: (i: { code: string; keys?: string[] }) => (i.code == 'unrecognized_keys' ? unknownKeys(i.keys ?? []) : EXPECTED.object) };
const count = z.int({ error: SURVEY_EXPECTED.count }).positive({ error: SURVEY_EXPECTED.count });
const days = z.number({ error: SURVEY_EXPECTED.days }).min(0, { error: SURVEY_EXPECTED.days }).max(1e6, { error: SURVEY_EXPECTED.days });

/**
 * The fields of a trigger, as a plain shape: tours and guides (tour.ts, guide.ts) spread
 * it and add `requested`, so every kind of guidance is triggered the same way.
 */
export const triggerFields = {
  event: nonEmpty.optional().describe('A track event with this name (for example "Feature Used")...'),
  properties: valuesSchema.optional().describe('...with these properties (for example {"first_use": true}); only with event.'),
  sessions: count.optional().describe('The user is in their Nth session or later.'),
  daysAfterSignup: days.optional().describe('At least this many days after the `created_at` trait.'),
  url: nonEmpty.optional().describe('A page whose path (or full URL when the pattern starts with http) matches; `*` matches anything.'),
  checklistCompleted: nonEmpty.optional().describe('`Checklist Completed` of this checklist id ("*": any).'),
  flowCompleted: nonEmpty.optional().describe('`Flow Completed` of this flow id ("*": any).'),
  flowAbandoned: nonEmpty.optional().describe('`Flow Abandoned` of this flow id ("*": any).'),
  friction: z.enum(['rage', 'dead', 'any'], { error: SURVEY_EXPECTED.friction }).optional()
    .describe('A `Rage Click` (rage), `Dead Click` (dead) or either (any)...'),
  page: nonEmpty.optional().describe('...on a page matching this URL pattern; only with friction.'),
  delaySeconds: z.number({ error: SURVEY_EXPECTED.delay }).min(0, { error: SURVEY_EXPECTED.delay }).max(MAX_DELAY_SECONDS, { error: SURVEY_EXPECTED.delay }).optional()
    .describe('Wait this long after the trigger before asking (on the same page). Default 0.'),
};

/** The cross-field rules of a trigger: exactly one of `kinds` (`message` otherwise), and the fields only some kinds allow. */
export const refineTrigger =
  (kinds: readonly string[], message: string) =>
  (t: Record<string, unknown>, ctx: z.core.$RefinementCtx) => {
    if (kinds.filter((k) => t[k] !== undefined).length != 1) ctx.addIssue({ code: 'custom', message });
    if (t.properties !== undefined && t.event === undefined) ctx.addIssue({ code: 'custom', path: ['properties'], message: EXPECTED.onlyWithEvent });
    if (t.page !== undefined && t.friction === undefined) ctx.addIssue({ code: 'custom', path: ['page'], message: SURVEY_EXPECTED.onlyWithFriction });
  };

/** When to ask. Exactly one kind, and an optional delay. */
export const triggerSchema = z.strictObject(triggerFields, objectError).superRefine(refineTrigger(TRIGGER_KINDS, SURVEY_EXPECTED.trigger));

/** The follow-up question: `question` for everyone, or a wording per score bucket. */
export const followUpSchema = z.strictObject(
  {
    question: textSchema.optional().describe('Asked after any score (unless the bucket has its own).'),
    detractor: textSchema.optional().describe('NPS 0–6.'),
    passive: textSchema.optional().describe('NPS 7–8.'),
    promoter: textSchema.optional().describe('NPS 9–10.'),
    low: textSchema.optional().describe('CSAT 1–2, CES 1–3.'),
    neutral: textSchema.optional().describe('CSAT 3, CES 4.'),
    high: textSchema.optional().describe('CSAT 4–5, CES 5–7.'),
    placeholder: textSchema.optional().describe('Placeholder of the comment box.'),
  },
  objectError,
);

export const surveySchema = z
  .strictObject(
    {
      $schema: z.string({ error: 'expected a string' }).optional(),
      id: idSchema.describe('Stable id; reported as `survey` and keying when the user was asked.'),
      kind: z.enum(['nps', 'csat', 'ces'], { error: SURVEY_EXPECTED.kind }).describe('nps: 0–10; csat: 1–5; ces: 1–7 (how easy).'),
      question: textSchema.describe('For example "How likely are you to recommend Acme to a friend or colleague?"'),
      labels: z.strictObject({ low: textSchema.optional(), high: textSchema.optional() }, objectError).optional()
        .describe('Words for the ends of the scale. Default: "Not at all likely" / "Extremely likely" (NPS), localised.'),
      followUp: followUpSchema.optional(),
      triggers: z.array(triggerSchema, { error: SURVEY_EXPECTED.triggers })
        .min(1, { error: SURVEY_EXPECTED.triggers })
        .max(MAX_TRIGGERS, { error: SURVEY_EXPECTED.triggers })
        .describe('Any one of these asks the survey (if the audience and throttling allow).'),
      audience: audienceSchema.optional(),
      sampleRate: z.number({ error: SURVEY_EXPECTED.rate }).min(0, { error: SURVEY_EXPECTED.rate }).max(1, { error: SURVEY_EXPECTED.rate }).optional()
        .describe('Share of users ever asked, decided once per user. Default 1.'),
      resurveyAfterDays: days.optional().describe('After an answer, ask the same user again only after this many days. Default 90.'),
      afterDismissDays: days.optional().describe('After a dismissal (or no answer), ask again only after this many days. Default 30.'),
      priority: z.int({ error: SURVEY_EXPECTED.priority }).optional()
        .describe('Rank in the shared prompt budget when prompts compete (a checklist opening by itself is 10). Default 5.'),
      experiment: experimentSchema.optional(),
    },
    objectError,
  )
  .superRefine((s, ctx) => {
    const allowed: readonly string[] | undefined = SURVEY_BUCKETS[s.kind];
    if (allowed)
      for (const k of ['detractor', 'passive', 'promoter', 'low', 'neutral', 'high'] as const)
      if (s.followUp?.[k] !== undefined && !allowed.includes(k)) ctx.addIssue({ code: 'custom', path: ['followUp', k], message: SURVEY_EXPECTED.bucket(s.kind) });
    refineVariants(s, surveySchema, ctx);
  });

export type SurveyInput = z.input<typeof surveySchema>;
export type Survey = z.output<typeof surveySchema>;
export type SurveyTrigger = z.output<typeof triggerSchema>;
export type SurveyBucket = (typeof SURVEY_BUCKETS)[SurveyKind][number];
