import { z } from 'zod';
import { GUIDE_TRIGGER_KINDS, MAX_ANCHOR_WAIT_SECONDS, MAX_STEPS, MAX_TRIGGERS, SURVEY_EXPECTED, ON_MISSING, PLACEMENTS, TOUR_EXPECTED } from './texts.js';
import { EXPECTED, audienceSchema, conditionSchema, idSchema, nonEmpty, textSchema } from './rules.js';
import { experimentSchema, refineVariants } from './experiment.js';
import { objectError, refineTrigger, triggerFields } from './survey.js';

/**
 * Product tours: steps anchored to the app's own elements (or centred), written by product
 * teams as JSON (`tour.schema.json`) and shown by the SDK when a trigger fires (or on
 * `sabu.tour(id)`). The browser checks the same rules by hand
 * (packages/sdk/src/guidance/tour/validateTour.ts); tests/unit/schema/tourAgreement.test.ts
 * keeps the two in step. See docs/tours.md.
 */

export { GUIDE_TRIGGER_KINDS, MAX_ANCHOR_WAIT_SECONDS, MAX_STEPS, ON_MISSING, PLACEMENTS, TOUR_EXPECTED };

/** When a tour or guide starts: a survey trigger, or `{ "requested": true }` (only `sabu.tour(id)`). */
export const guideTriggerSchema = z
  .strictObject({ ...triggerFields, requested: z.literal(true, { error: TOUR_EXPECTED.requested }).optional().describe('Only when the page asks: `sabu.tour(id)` (never spends the prompt budget).') }, objectError)
  .superRefine(refineTrigger(GUIDE_TRIGGER_KINDS, TOUR_EXPECTED.trigger));

export const guideTriggers = z.array(guideTriggerSchema, { error: SURVEY_EXPECTED.triggers }).min(1, { error: SURVEY_EXPECTED.triggers }).max(MAX_TRIGGERS, { error: SURVEY_EXPECTED.triggers })
  .describe('Any one of these starts it (if the audience and the prompt budget allow). Absent: only `sabu.tour(id)` starts it.');
const placement = z.enum(PLACEMENTS, { error: TOUR_EXPECTED.placement }).describe('Side of the anchor the tip goes on (flipped when it does not fit). Default bottom.');
const onMissing = z.enum(ON_MISSING, { error: TOUR_EXPECTED.onMissing });
const wait = z.number({ error: TOUR_EXPECTED.wait }).min(0, { error: TOUR_EXPECTED.wait }).max(MAX_ANCHOR_WAIT_SECONDS, { error: TOUR_EXPECTED.wait });

/** One step of a tour. */
export const tourStepSchema = z
  .strictObject(
    {
      id: idSchema.describe('Unique within the tour; reported as `step`.'),
      title: textSchema.optional().describe('Heading of the step.'),
      text: textSchema.describe('The step: plain text with **bold** and [links](https://…); one string, or one per locale.'),
      anchor: nonEmpty.optional().describe('CSS selector of the element the step points at (open shadow roots are searched). Absent: a centred dialog.'),
      placement: placement.optional(),
      url: nonEmpty.optional().describe('The page this step is on (URL pattern): on other pages the tour waits, without a timeout, for the user to get there.'),
      advance: z.enum(['next', 'click'], { error: TOUR_EXPECTED.advance }).optional()
        .describe('"next": a Next button (default); "click": a click on the anchor (no Next button).'),
      advanceWhen: conditionSchema.optional().describe('Moves on when this condition holds (an event, a URL, a click...); no Next button.'),
      spotlight: z.boolean({ error: EXPECTED.boolean }).optional().describe('Dim the rest of the page around the anchor (clicks still reach the page). Default: the tour\'s.'),
      onMissing: onMissing.optional().describe('When the anchor is not shown in time: "skip" this step or "end" the tour. Default: the tour\'s.'),
    },
    objectError,
  )
  .superRefine((s, ctx) => {
    if (s.advance == 'click' && s.anchor === undefined) ctx.addIssue({ code: 'custom', path: ['advance'], message: TOUR_EXPECTED.clickNeedsAnchor });
    if (s.placement !== undefined && s.anchor === undefined) ctx.addIssue({ code: 'custom', path: ['placement'], message: TOUR_EXPECTED.onlyAnchored });
  });

/**
 * A tour's fields as a plain shape, so other kinds of guidance can extend it (an
 * experiment field, for one) without a second copy of the schema.
 */
export const tourFields = {
  $schema: z.string({ error: 'expected a string' }).optional(),
  id: idSchema.describe('Stable id; reported as `tour` and keying the user\'s progress.'),
  triggers: guideTriggers.optional(),
  audience: audienceSchema.optional(),
  priority: z.int({ error: 'expected an integer' }).optional()
    .describe('Rank in the shared prompt budget when prompts compete (a checklist opening by itself is 10, a survey 5). Default 8.'),
  steps: z.array(tourStepSchema, { error: TOUR_EXPECTED.steps }).min(1, { error: TOUR_EXPECTED.steps }).max(MAX_STEPS, { error: TOUR_EXPECTED.steps }),
  spotlight: z.boolean({ error: EXPECTED.boolean }).optional().describe('Dim the page around anchored steps. Default false.'),
  onMissing: onMissing.optional().describe('When a step\'s anchor is not shown in time: "skip" to the next step (default) or "end" the tour.'),
  anchorTimeoutSeconds: wait.optional().describe('How long a step waits for its anchor to be on the page and visible. Default 10.'),
  experiment: experimentSchema.optional(),
};

/** The tour-wide rules: step ids are unique. */
export const refineTour = (t: { steps: { id: string }[] }, ctx: z.core.$RefinementCtx) => {
  const seen: string[] = [];
  t.steps.forEach((s, i) => {
    if (seen.includes(s.id)) ctx.addIssue({ code: 'custom', path: ['steps', i, 'id'], message: `duplicate step id "${s.id}"` });
    seen.push(s.id);
  });
};

export const tourSchema = z.strictObject(tourFields, objectError).superRefine((t, ctx) => {
  refineTour(t, ctx);
  refineVariants(t, tourSchema, ctx);
});

export type TourInput = z.input<typeof tourSchema>;
export type Tour = z.output<typeof tourSchema>;
export type TourStep = z.output<typeof tourStepSchema>;
export type GuideTrigger = z.output<typeof guideTriggerSchema>;
