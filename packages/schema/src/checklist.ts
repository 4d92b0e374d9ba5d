import { z } from 'zod';
import { EXPECTED, unknownKeys, audienceSchema, conditionSchema, idSchema, linkSchema, nonEmpty, textSchema } from './rules.js';
import { experimentSchema, refineVariants } from './experiment.js';

/** Most items a checklist may have: past a handful, a checklist stops being one (Appcues advises 3–7). */
export const MAX_ITEMS = 20;

const objectError = { error: (i: { code: string; keys?: string[] }) => (i.code == 'unrecognized_keys' ? unknownKeys(i.keys ?? []) : EXPECTED.object) };

/** What an item's button does: open a link, or point at an element with a short hint. */
export const actionSchema = z
  .strictObject(
    {
      url: linkSchema.optional().describe('Opens this http(s) or relative URL.'),
      selector: nonEmpty.optional().describe('Scrolls to and highlights the first element matching this CSS selector.'),
      hint: textSchema.optional().describe('Shown next to the highlighted element.'),
      label: textSchema.optional().describe('The button text. Default: "Start" (localised).'),
      newTab: z.boolean({ error: EXPECTED.boolean }).optional().describe('Open the URL in a new tab.'),
    },
    objectError,
  )
  .superRefine((a, ctx) => {
    if ((a.url === undefined) == (a.selector === undefined)) ctx.addIssue({ code: 'custom', message: 'expected exactly one of url or selector' });
    if (a.hint !== undefined && a.selector === undefined) ctx.addIssue({ code: 'custom', path: ['hint'], message: 'only allowed with selector' });
  });

export const itemSchema = z.strictObject(
  {
    id: idSchema.describe('Stable id; reported as `item`. Changing it resets that item.'),
    title: textSchema,
    description: textSchema.optional(),
    action: actionSchema.optional(),
    completeWhen: conditionSchema.describe('The item ticks itself off when this condition happens.'),
    dependsOn: z.array(nonEmpty, { error: 'expected an array of ids of earlier items' }).optional()
      .describe('Ids of earlier items that must be done first; until then the item is shown locked.'),
    optional: z.boolean({ error: EXPECTED.boolean }).optional().describe('Not needed to complete the checklist.'),
  },
  objectError,
);

/**
 * An onboarding checklist: written by product teams as JSON (`checklist.schema.json`),
 * shown by the SDK, ticked off by the user's own events. See docs/checklists.md.
 */
export const checklistSchema = z
  .strictObject(
    {
      $schema: z.string({ error: 'expected a string' }).optional(),
      id: idSchema.describe('Stable id; reported as `checklist` and keying saved progress.'),
      version: z.int({ error: EXPECTED.version }).positive({ error: EXPECTED.version }).optional()
        .describe('Raise it to restart everyone\'s progress. Default 1.'),
      title: textSchema,
      description: textSchema.optional(),
      audience: audienceSchema.optional(),
      autoOpen: z.boolean({ error: EXPECTED.boolean }).optional()
        .describe('Open the panel by itself the first time (within the shared prompt budget). Default true; false shows only the launcher.'),
      items: z.array(itemSchema, { error: `expected an array of 1 to ${MAX_ITEMS} items` })
        .min(1, { error: `expected an array of 1 to ${MAX_ITEMS} items` })
        .max(MAX_ITEMS, { error: `expected an array of 1 to ${MAX_ITEMS} items` }),
      experiment: experimentSchema.optional(),
    },
    objectError,
  )
  .superRefine((c, ctx) => {
    const seen: string[] = [];
    c.items.forEach((item, i) => {
      if (seen.includes(item.id)) ctx.addIssue({ code: 'custom', path: ['items', i, 'id'], message: `duplicate item id "${item.id}"` });
      item.dependsOn?.forEach((d, j) => {
        if (!seen.includes(d)) ctx.addIssue({ code: 'custom', path: ['items', i, 'dependsOn', j], message: 'expected the id of an earlier item' });
      });
      seen.push(item.id);
    });
    refineVariants(c, checklistSchema, ctx);
  });

/**
 * Several checklists (`checklists` in the SDK config, `data-checklists`, or one JSON file
 * holding an array): the SDK shows the first whose audience matches. Ids must differ.
 */
export const checklistsSchema = z
  .array(checklistSchema, { error: 'expected an array of checklists' })
  .min(1, { error: 'expected an array of checklists' })
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((c, i) => {
      if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate checklist id "${c.id}"` });
      seen.add(c.id);
    });
  });

export type ChecklistInput = z.input<typeof checklistSchema>;
export type Checklist = z.output<typeof checklistSchema>;
export type ChecklistItem = z.output<typeof itemSchema>;
export type ChecklistAction = z.output<typeof actionSchema>;
export type LocalizedText = z.output<typeof textSchema>;
