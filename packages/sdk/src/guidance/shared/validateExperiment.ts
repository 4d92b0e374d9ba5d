import { EXPERIMENT_EXPECTED, FIXED_FIELDS, HOLDOUT, MAX_VARIANTS } from '@sabu/schema/texts';
import { arrayOf, at, is, isId, isObject, object, optional, type Check, type Issues } from './validateRules.js';

/**
 * Hand-written checks of `experiment` (packages/schema/src/experiment.ts is the source of
 * truth, with the same paths and texts; tests/unit/schema/experimentAgreement.test.ts
 * runs both on a table of inputs), so zod stays out of the browser.
 */

const isShare = is((v) => typeof v == 'number' && v >= 0 && v <= 1, EXPERIMENT_EXPECTED.share, (v) => typeof v == 'number' && Math.abs(v) < Infinity);

const isVariant = object({
  id: isId,
  weight: optional(is((v) => typeof v == 'number' && v >= 0 && v < Infinity, EXPERIMENT_EXPECTED.weight, (v) => typeof v == 'number' && Math.abs(v) < Infinity)),
  overrides: optional(is(isObject, EXPERIMENT_EXPECTED.overrides)),
});

export const isExperiment: Check = object(
  {
    id: isId,
    variants: arrayOf(isVariant, EXPERIMENT_EXPECTED.variants, 1, MAX_VARIANTS),
    holdout: optional(isShare),
  },
  (x, p, out) => {
    const seen: string[] = [];
    const vp = at(p, 'variants');
    x.variants.forEach((v: { id: string; overrides?: object }, i: number) => {
      if (v.id == HOLDOUT) out.push([at(at(vp, i), 'id'), EXPERIMENT_EXPECTED.holdoutId, 1]);
      else if (seen.includes(v.id)) out.push([at(at(vp, i), 'id'), EXPERIMENT_EXPECTED.duplicate(v.id), 1]);
      seen.push(v.id);
      for (const k of FIXED_FIELDS) if (v.overrides && k in v.overrides) out.push([at(at(at(vp, i), 'overrides'), k), EXPERIMENT_EXPECTED.fixed(k), 1]);
    });
    if (!x.variants.some((v: { weight?: number }) => (v.weight ?? 1) > 0)) out.push([vp, EXPERIMENT_EXPECTED.noWeight, 1]);
  },
);

/**
 * The definition each variant makes (the definition with its overrides) must pass `check`
 * too; problems inside an overridden field are reported under the override, as the zod
 * schemas' `refineVariants` does. Call from the definition's cross-field check.
 */
export function checkVariants(def: Record<string, any>, p: string, out: Issues, check: Check): void {
  (def.experiment?.variants as { overrides?: Record<string, unknown> }[] | undefined)?.forEach((v, i) => {
    const o = v.overrides;
    if (!o || FIXED_FIELDS.some((k) => k in o)) return;
    const sub: Issues = [];
    check({ ...def, ...o, experiment: undefined }, '', sub);
    const op = at(at(at(at(p, 'experiment'), 'variants'), i), 'overrides');
    for (const [path, message] of sub) {
      const bad = !path && message.startsWith('unknown field') ? Object.keys(o).filter((k) => message.includes(JSON.stringify(k))) : [];
      if (bad.length) out.push([op, 'unknown field ' + bad.map((k) => JSON.stringify(k)).join(', '), 1]);
      else if (path && path.split(/[.[]/)[0]! in o) out.push([op + '.' + path, message, 1]);
    }
  });
}
