import { DO_KINDS, MAX_COUNT, MAX_WINDOW_SECONDS, PLAYBOOK_EXPECTED as E, WHEN_KINDS } from '@sabu/schema/texts';
import { EXPECTED, at, is, isAudience, isId, isText, isValues, nonEmpty, object, optional, type Check, type Issues } from '../shared/validateRules.js';
import { checkVariants, isExperiment } from '../shared/validateExperiment.js';

/**
 * Checks a playbook definition by hand (zod stays out of the browser bundle), with the
 * paths and texts of `playbookSchema` (packages/schema/src/playbook.ts, the source of truth;
 * tests/unit/schema/playbookAgreement.test.ts runs both on a table of inputs).
 */

const isNum = (v: unknown): v is number => typeof v == 'number' && Math.abs(v) < Infinity;
const isInt = (v: unknown) => Number.isSafeInteger(v);
/** A number passing `ok`; soft when it is a number that fails (as zod's min/max). */
const num = (ok: (v: number) => boolean, message: string, int?: boolean): Check =>
  is((v) => (int ? isInt(v) : isNum(v)) && ok(v), message, int ? isInt : isNum);
const oneOf = (values: readonly string[], message: string): Check => is((v) => values.includes(v), message);
const kinds = (v: Record<string, unknown>, list: readonly string[]) => list.filter((k) => v[k] !== undefined).length;

const isWhen = object(
  {
    friction: optional(oneOf(['rage', 'dead', 'error'], E.friction)),
    event: optional(nonEmpty),
    properties: optional(isValues),
    count: optional(num((v) => v >= 1 && v <= MAX_COUNT, E.count, true)),
    withinSeconds: optional(num((v) => v > 0 && v <= MAX_WINDOW_SECONDS, E.window)),
    page: optional(nonEmpty),
    element: optional(nonEmpty),
    flowAbandoned: optional(nonEmpty),
    formAbandoned: optional(nonEmpty),
    noValueAfterDays: optional(num((v) => v > 0, E.days)),
    featureNotUsed: optional(nonEmpty),
    afterSessions: optional(num((v) => v > 0, E.sessions, true)),
  },
  (w, p, out) => {
    const issue = (k: string, message: string) => out.push([k ? at(p, k) : p, message, 1]);
    if (kinds(w, WHEN_KINDS) != 1) issue('', E.when);
    if (w.properties !== undefined && w.event === undefined) issue('properties', EXPECTED.onlyWithEvent);
    const counted = w.friction !== undefined || w.event !== undefined;
    if (w.count !== undefined && !counted) issue('count', E.onlyCounted);
    if (w.withinSeconds !== undefined && !counted) issue('withinSeconds', E.onlyCounted);
    if (w.element !== undefined && w.friction === undefined) issue('element', E.onlyWith('friction'));
    if (w.page !== undefined && (w.noValueAfterDays !== undefined || w.featureNotUsed !== undefined)) issue('page', E.onlyWith('friction, event, flowAbandoned or formAbandoned'));
    if (w.afterSessions !== undefined && w.featureNotUsed === undefined) issue('afterSessions', E.onlyWith('featureNotUsed'));
    if (w.featureNotUsed !== undefined && w.afterSessions === undefined) issue('afterSessions', E.needs('featureNotUsed'));
  },
);

const isDo = object(
  {
    hint: optional(object({ selector: nonEmpty, text: isText })),
    tour: optional(isId),
    step: optional(num((v) => v >= 0, E.step, true)),
    checklist: optional(isId),
    item: optional(isId),
    survey: optional(isId),
    event: optional(nonEmpty),
    properties: optional(isValues),
  },
  (d, p, out) => {
    const issue = (k: string, message: string) => out.push([k ? at(p, k) : p, message, 1]);
    if (kinds(d, DO_KINDS) != 1) issue('', E.do);
    if (d.step !== undefined && d.tour === undefined) issue('step', E.onlyWith('tour'));
    if (d.item !== undefined && d.checklist === undefined) issue('item', E.onlyWith('checklist'));
    if (d.properties !== undefined && d.event === undefined) issue('properties', EXPECTED.onlyWithEvent);
  },
);

const isPlaybook: Check = object(
  {
    $schema: optional(is((v) => typeof v == 'string', 'expected a string')),
    id: isId,
    when: isWhen,
    do: isDo,
    audience: optional(isAudience),
    cooldownHours: optional(num((v) => v >= 0, E.hours)),
    maxPerUser: optional(num((v) => v > 0, E.cap, true)),
    priority: optional(is(isInt, E.priority)),
    experiment: optional(isExperiment),
  },
  (pb, p, out) => checkVariants(pb, p, out, isPlaybook),
);

/** Every problem of a playbook definition as `[path, message]`; none means it is valid. */
export function validatePlaybook(def: unknown): [path: string, message: string][] {
  const out: Issues = [];
  isPlaybook(def, '', out);
  return out.map(([path, message]) => [path, message]);
}
