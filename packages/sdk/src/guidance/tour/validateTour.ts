import { GUIDE_KINDS, GUIDE_TRIGGER_KINDS, MAX_ANCHOR_WAIT_SECONDS, MAX_STEPS, MAX_TRIGGERS, ON_MISSING, PLACEMENTS, SURVEY_EXPECTED, TOUR_EXPECTED } from '@sabu/schema/texts';
import { arrayOf, at, is, isAudience, isBoolean, isCondition, isId, isLink, isText, nonEmpty, object, optional, type Check, type Issues } from '../shared/validateRules.js';
import { checkVariants, isExperiment } from '../shared/validateExperiment.js';
import { TRIGGER_CHECKS, oneOf, range, refineTrigger } from '../survey/surveyValidate.js';

/**
 * Checks tour and guide definitions by hand (zod stays out of the browser), with the paths
 * and texts of `tourSchema` and `guideSchema` (packages/schema/src/tour.ts, guide.ts);
 * tests/unit/schema/tourAgreement.test.ts runs both on a table of inputs.
 */

const isInteger = is(Number.isSafeInteger, 'expected an integer');
const isTrigger = object({ ...TRIGGER_CHECKS, requested: optional(is((v) => v === true, TOUR_EXPECTED.requested)) }, refineTrigger(GUIDE_TRIGGER_KINDS, TOUR_EXPECTED.trigger));
const triggers = optional(arrayOf(isTrigger, SURVEY_EXPECTED.triggers, 1, MAX_TRIGGERS));
const placement = optional(oneOf(PLACEMENTS, TOUR_EXPECTED.placement));
const onMissing = optional(oneOf(ON_MISSING, TOUR_EXPECTED.onMissing));
const text = optional(isText);

const isStep = object(
  {
    id: isId,
    title: text,
    text: isText,
    anchor: optional(nonEmpty),
    placement,
    url: optional(nonEmpty),
    advance: optional(oneOf(['next', 'click'], TOUR_EXPECTED.advance)),
    advanceWhen: optional(isCondition),
    spotlight: optional(isBoolean),
    onMissing,
  },
  (s, p, out) => {
    if (s.advance == 'click' && s.anchor === undefined) out.push([at(p, 'advance'), TOUR_EXPECTED.clickNeedsAnchor, 1]);
    if (s.placement !== undefined && s.anchor === undefined) out.push([at(p, 'placement'), TOUR_EXPECTED.onlyAnchored, 1]);
  },
);

/** The checks of a tour's fields, as a plain shape (other kinds of guidance may extend it). */
export const TOUR_CHECKS: Record<string, Check> = {
  $schema: optional(is((v) => typeof v == 'string', 'expected a string')),
  id: isId,
  triggers,
  audience: optional(isAudience),
  priority: optional(isInteger),
  steps: arrayOf(isStep, TOUR_EXPECTED.steps, 1, MAX_STEPS),
  spotlight: optional(isBoolean),
  onMissing,
  anchorTimeoutSeconds: optional(range(0, MAX_ANCHOR_WAIT_SECONDS, TOUR_EXPECTED.wait)),
  experiment: optional(isExperiment),
};

/** Step ids are unique. */
export const refineTour = (t: Record<string, any>, p: string, out: Issues) => {
  const seen: string[] = [];
  (t.steps as { id: string }[]).forEach((s, i) => {
    if (seen.includes(s.id)) out.push([at(at(at(p, 'steps'), i), 'id'), `duplicate step id "${s.id}"`, 1]);
    seen.push(s.id);
  });
};

const isAction = object({ label: isText, url: optional(isLink), tour: optional(isId) }, (a, p, out) => {
  if ((a.url === undefined) == (a.tour === undefined)) out.push([p, TOUR_EXPECTED.action, 1]);
});

/** The checks of a guide's fields (hotspot, banner, announcement). */
export const GUIDE_CHECKS: Record<string, Check> = {
  $schema: TOUR_CHECKS.$schema!,
  id: isId,
  kind: oneOf(GUIDE_KINDS, TOUR_EXPECTED.kind),
  triggers,
  audience: optional(isAudience),
  priority: optional(isInteger),
  title: text,
  text: isText,
  anchor: optional(nonEmpty),
  placement,
  position: optional(oneOf(['top', 'bottom'], TOUR_EXPECTED.position)),
  inline: optional(isBoolean),
  action: optional(isAction),
};

const refineGuide = (g: Record<string, any>, p: string, out: Issues) => {
  if (g.kind == 'hotspot' && g.anchor === undefined) out.push([at(p, 'anchor'), TOUR_EXPECTED.hotspotAnchor, 1]);
  if (g.kind != 'hotspot' && g.anchor !== undefined) out.push([at(p, 'anchor'), TOUR_EXPECTED.onlyHotspot, 1]);
  for (const k of ['position', 'inline']) if (g[k] !== undefined && g.kind != 'banner') out.push([at(p, k), TOUR_EXPECTED.onlyBanner, 1]);
  if (g.placement !== undefined && g.kind != 'hotspot') out.push([at(p, 'placement'), TOUR_EXPECTED.onlyHotspot, 1]);
};

const run = (check: Check, def: unknown): [path: string, message: string][] => {
  const out: Issues = [];
  check(def, '', out);
  return out.map(([path, message]) => [path, message]);
};

/** A tour: its fields, unique step ids, and each experiment variant's tour valid too. */
const isTour: Check = object(TOUR_CHECKS, (t, p, out) => (refineTour(t, p, out), checkVariants(t, p, out, isTour)));

/** Every problem of a tour definition; none means it is valid. */
export const validateTour = (def: unknown) => run(isTour, def);
/** Every problem of a guide definition; none means it is valid. */
export const validateGuide = (def: unknown) => run(object(GUIDE_CHECKS, refineGuide), def);
