import type { Checklist } from '@sabu/schema';
import { EXPECTED, arrayOf, at, is, isAudience, isPositive, isBoolean, isCondition, isId, isLink, isText, nonEmpty, object, optional, type Check, type Issues } from '../shared/validateRules.js';
import { checkVariants, isExperiment } from '../shared/validateExperiment.js';

/** The same limit as `MAX_ITEMS` in packages/schema/src/checklist.ts. */
export const MAX_ITEMS = 20;
const ITEMS = `expected an array of 1 to ${MAX_ITEMS} items`;

const isAction = object(
  {
    url: optional(isLink),
    selector: optional(nonEmpty),
    hint: optional(isText),
    label: optional(isText),
    newTab: optional(isBoolean),
  },
  (a, p, out) => {
    if ((a.url === undefined) == (a.selector === undefined)) out.push([p, 'expected exactly one of url or selector', 1]);
    if (a.hint !== undefined && a.selector === undefined) out.push([at(p, 'hint'), 'only allowed with selector', 1]);
  },
);

const isItem = object({
  id: isId,
  title: isText,
  description: optional(isText),
  action: optional(isAction),
  completeWhen: isCondition,
  dependsOn: optional(arrayOf(nonEmpty, 'expected an array of ids of earlier items', 0)),
  optional: optional(isBoolean),
});

const isChecklist: Check = object(
  {
    $schema: optional(is((v) => typeof v == 'string', 'expected a string')),
    id: isId,
    version: optional(isPositive(EXPECTED.version, true)),
    title: isText,
    description: optional(isText),
    audience: optional(isAudience),
    autoOpen: optional(isBoolean),
    items: arrayOf(isItem, ITEMS, 1, MAX_ITEMS),
    experiment: optional(isExperiment),
  },
  (c, p, out) => {
    const seen: string[] = [];
    c.items.forEach((item: Checklist['items'][number], i: number) => {
      const ip = at(at(p, 'items'), i);
      if (seen.includes(item.id)) out.push([at(ip, 'id'), `duplicate item id "${item.id}"`, 1]);
      item.dependsOn?.forEach((d, j) => seen.includes(d) || out.push([at(at(ip, 'dependsOn'), j), 'expected the id of an earlier item', 1]));
      seen.push(item.id);
    });
    checkVariants(c, p, out, isChecklist);
  },
);

/**
 * Checks a checklist definition by hand (zod stays out of the browser bundle), with the
 * paths and texts of `checklistSchema`. Returns every problem; none means it is valid.
 */
export function validateChecklist(def: unknown): [path: string, message: string][] {
  const out: Issues = [];
  isChecklist(def, '', out);
  return out.map(([path, message]) => [path, message]);
}
