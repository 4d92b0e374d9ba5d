import { z } from 'zod';
import { EXPERIMENT_EXPECTED, FIXED_FIELDS, HOLDOUT, MAX_VARIANTS } from './texts.js';
import { EXPECTED, idSchema, unknownKeys } from './rules.js';

/**
 * An experiment on a piece of guidance (checklist, survey, playbook, tour): who sees which
 * variant, and who sees nothing (the holdout). The shape is shared by every kind, which
 * adds it as an optional `experiment` field and checks each variant's overrides against
 * its own schema ({@link refineVariants}). See docs/experiments.md.
 * The browser checks the same rules by hand (packages/sdk/src/guidance/shared/validateExperiment.ts).
 */

export { EXPERIMENT_EXPECTED, HOLDOUT, MAX_VARIANTS };

const objectError = { error: (i: { code: string; keys?: string[] }) => (i.code == 'unrecognized_keys' ? unknownKeys(i.keys ?? []) : EXPECTED.object) };

export const variantSchema = z.strictObject(
  {
    id: idSchema.describe('Reported as `variant` in `Experiment Exposed`; "control" for the unchanged definition, by convention.'),
    weight: z.number({ error: EXPERIMENT_EXPECTED.weight }).min(0, { error: EXPERIMENT_EXPECTED.weight }).optional()
      .describe('Relative share of the users outside the holdout. Default 1 (equal shares).'),
    overrides: z.record(z.string(), z.unknown(), { error: EXPERIMENT_EXPECTED.overrides }).optional()
      .describe('Top-level fields of the definition that this variant replaces (for example a shorter `items` list, another `question`). None: the definition as written.'),
  },
  objectError,
);

export const experimentSchema = z
  .strictObject(
    {
      id: idSchema.describe('Stable id; with the user id it decides the variant, so keep it unchanged while the experiment runs.'),
      variants: z.array(variantSchema, { error: EXPERIMENT_EXPECTED.variants })
        .min(1, { error: EXPERIMENT_EXPECTED.variants })
        .max(MAX_VARIANTS, { error: EXPERIMENT_EXPECTED.variants }),
      holdout: z.number({ error: EXPERIMENT_EXPECTED.share }).min(0, { error: EXPERIMENT_EXPECTED.share }).max(1, { error: EXPERIMENT_EXPECTED.share }).optional()
        .describe('Share of users (0 to 1) who see nothing and are measured as variant "holdout". Default 0.'),
    },
    objectError,
  )
  .superRefine((x, ctx) => {
    const seen: string[] = [];
    x.variants.forEach((v, i) => {
      if (v.id == HOLDOUT) ctx.addIssue({ code: 'custom', path: ['variants', i, 'id'], message: EXPERIMENT_EXPECTED.holdoutId });
      else if (seen.includes(v.id)) ctx.addIssue({ code: 'custom', path: ['variants', i, 'id'], message: EXPERIMENT_EXPECTED.duplicate(v.id) });
      seen.push(v.id);
      for (const k of FIXED_FIELDS)
        if (v.overrides && k in v.overrides) ctx.addIssue({ code: 'custom', path: ['variants', i, 'overrides', k], message: EXPERIMENT_EXPECTED.fixed(k) });
    });
    if (!x.variants.some((v) => (v.weight ?? 1) > 0)) ctx.addIssue({ code: 'custom', path: ['variants'], message: EXPERIMENT_EXPECTED.noWeight });
  });

export type Experiment = z.output<typeof experimentSchema>;
export type ExperimentVariant = z.output<typeof variantSchema>;

/**
 * Checks each variant's overrides as the definition they make: the definition with the
 * overrides applied must pass `schema` too. Problems inside an overridden field are
 * reported under the override (`experiment.variants[1].overrides.items[0].id`); the rest
 * are the definition's own and already reported.
 */
export function refineVariants(def: { experiment?: Experiment }, schema: z.ZodType, ctx: z.RefinementCtx): void {
  def.experiment?.variants.forEach((v, i) => {
    const o = v.overrides;
    if (!o || FIXED_FIELDS.some((k) => k in o)) return;
    const r = schema.safeParse({ ...def, ...o, experiment: undefined });
    if (r.success) return;
    for (const issue of r.error.issues) {
      const [head] = issue.path;
      // An unknown field given as an override is reported at the root of the merged object.
      const bad = issue.code == 'unrecognized_keys' ? issue.keys.filter((k) => k in o) : [];
      if (bad.length) ctx.addIssue({ code: 'custom', path: ['experiment', 'variants', i, 'overrides'], message: unknownKeys(bad) });
      else if (typeof head == 'string' && head in o) ctx.addIssue({ code: 'custom', path: ['experiment', 'variants', i, 'overrides', ...issue.path], message: issue.message });
    }
  });
}

