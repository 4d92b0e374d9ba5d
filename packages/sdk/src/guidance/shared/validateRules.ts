import { EXPECTED, ID_PATTERN } from '@sabu/schema/texts';
import { isSafeUrl } from '@sabu/schema/url';

export { EXPECTED, ID_PATTERN };
/**
 * Hand-written checks of the shared rule language (audience, conditions, texts), so zod
 * stays out of the browser bundle. Same paths and texts as the zod schemas in
 * packages/schema/src/rules.ts, which stay the source of truth: a unit test runs both on
 * a table of bad inputs. Surveys reuse these for their `audience` and triggers.
 *
 * One zod behaviour is mirrored on purpose: problems of a value's type are "hard" and
 * stop the cross-field checks of the objects around them ("exactly one of...", duplicate
 * ids), while "soft" ones (too short, bad format) let them run.
 */

/** Problems found: `[path, message, soft?]`, path as `items[2].completeWhen.event` (`''` = the root). */
export type Issues = [path: string, message: string, soft?: 1][];
/** Checks one value at a path, adding problems; true when it added none. */
export type Check = (v: unknown, path: string, out: Issues) => boolean;

export const CONDITION_KINDS = ['event', 'url', 'click', 'visible', 'trait', 'all', 'any'] as const;

export const isObject = (v: unknown): v is Record<string, any> => !!v && typeof v == 'object' && !Array.isArray(v);
export const at = (path: string, key: string | number) => (typeof key == 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

const fail = (out: Issues, path: string, message: string, soft?: 1) => (out.push(soft ? [path, message, 1] : [path, message]), false);
/** No hard problem since index `n`. */
const noneHard = (out: Issues, n: number) => !out.slice(n).some((i) => !i[2]);

/**
 * A check that passes when `ok(v)`, else reports `message`: soft if `type(v)` holds (the
 * value has the right type but a wrong length, format or range).
 */
export const is =
  (ok: (v: any) => boolean, message: string, type?: (v: any) => boolean): Check =>
  (v, p, out) =>
    ok(v) || fail(out, p, message, type?.(v) ? 1 : undefined);
const isString = (v: unknown) => typeof v == 'string';
const isNumber = (v: unknown) => typeof v == 'number' && Math.abs(v) < Infinity;
/** Makes a check accept a missing value. */
export const optional = (check: Check): Check => (v, p, out) => v === undefined || check(v, p, out);

export const nonEmpty = is((v) => isString(v) && v.length > 0, EXPECTED.string, isString);
export const isId = is((v) => isString(v) && ID_PATTERN.test(v), EXPECTED.id, isString);
export const isLink = is(isSafeUrl, EXPECTED.link, isString);
/** A finite number above zero; `int` for integers only. */
export const isPositive = (message: string, int?: boolean): Check =>
  is((v) => isNumber(v) && v > 0 && (!int || Number.isSafeInteger(v)), message, (v) => isNumber(v) && (!int || Number.isSafeInteger(v)));
export const isBoolean = is((v) => typeof v == 'boolean', EXPECTED.boolean);

/** An array whose length is within [min, max], each item checked. */
export const arrayOf = (item: Check, message: string, min = 1, max = Infinity): Check => (v, p, out) => {
  if (!Array.isArray(v)) return fail(out, p, message);
  // Like zod, a wrong length is the only problem reported: the items are not looked at.
  if (v.length < min || v.length > max) return fail(out, p, message, 1);
  const n = out.length;
  v.forEach((x, i) => item(x, at(p, i), out));
  return out.length == n;
};

/**
 * A strict object: each field checked in order, then unknown fields reported, then (only
 * if all that passed) the cross-field `refine`.
 */
export const object = (fields: Record<string, Check>, refine?: (v: Record<string, any>, p: string, out: Issues) => void): Check => (v, p, out) => {
  if (!isObject(v)) return fail(out, p, EXPECTED.object);
  const n = out.length;
  for (const k in fields) fields[k]!(v[k], at(p, k), out);
  const unknown = Object.keys(v).filter((k) => !(k in fields));
  if (unknown.length) fail(out, p, 'unknown field ' + unknown.map((k) => JSON.stringify(k)).join(', '), 1);
  if (noneHard(out, n) && refine) refine(v, p, out);
  return out.length == n;
};

/** `"Invite"` or `{ "en": "Invite", "ja": "招待" }`. */
export const isText: Check = (v, p, out) => {
  if (isString(v)) return nonEmpty(v, p, out);
  if (!isObject(v) || !Object.values(v).every(isString)) return fail(out, p, EXPECTED.text);
  const keys = Object.keys(v);
  if (!keys.length) return fail(out, p, EXPECTED.text, 1);
  const n = out.length;
  for (const k of keys) nonEmpty(v[k], at(p, k), out);
  return out.length == n;
};

const isScalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);
const isMatchValue = is((v) => isScalar(v) || (Array.isArray(v) && v.every(isScalar)), EXPECTED.value);
/** `{ "role": ["editor", "admin"], "plan": "pro" }`. */
export const isValues: Check = (v, p, out) => {
  if (!isObject(v)) return fail(out, p, EXPECTED.values);
  const n = out.length;
  for (const k in v) isMatchValue(v[k], at(p, k), out);
  return out.length == n;
};

const conditions: Check = (v, p, out) => arrayOf(isCondition, EXPECTED.conditions)(v, p, out);

/** One condition of `completeWhen` or a survey trigger (see docs/checklists.md#rules). */
export const isCondition: Check = object(
  {
    event: optional(nonEmpty),
    properties: optional(isValues),
    url: optional(nonEmpty),
    click: optional(nonEmpty),
    visible: optional(nonEmpty),
    trait: optional(nonEmpty),
    equals: optional(isMatchValue),
    all: optional(conditions),
    any: optional(conditions),
  },
  (c, p, out) => {
    if (CONDITION_KINDS.filter((k) => c[k] !== undefined).length != 1) fail(out, p, EXPECTED.condition, 1);
    if (c.properties !== undefined && c.event === undefined) fail(out, at(p, 'properties'), EXPECTED.onlyWithEvent, 1);
    if (c.equals !== undefined && c.trait === undefined) fail(out, at(p, 'equals'), EXPECTED.onlyWithTrait, 1);
  },
);

const urls = optional(arrayOf(nonEmpty, EXPECTED.urls));

/** Who sees a checklist or survey. */
export const isAudience: Check = object({
  traits: optional(isValues),
  urls,
  excludeUrls: urls,
  signedUpWithinDays: optional(isPositive(EXPECTED.days)),
});
