import { z } from 'zod';

/**
 * A flow product teams declare in JSON: an ordered list of steps, each completed by a
 * track event, a page URL or a click on a selector. The SDK checks flows by hand with
 * the same rules and field paths (packages/sdk/src/signals/validateFlows.ts) so zod stays
 * out of the browser bundle; `flow.schema.json` is generated from this schema.
 */
const id = z.string().trim().min(1).max(100);
const text = z.string().trim().min(1);

const stepBase = { id: id.describe('Unique within the flow; reported as `step`.') };
export const flowStepSchema = z.union([
  z.strictObject({ ...stepBase, event: text.describe('A track event with this name completes the step.') }),
  z.strictObject({
    ...stepBase,
    url: text.describe('A page whose path (or full URL when the pattern starts with http) matches; `*` matches any characters.'),
  }),
  z.strictObject({ ...stepBase, selector: text.describe('A click on an element matching this CSS selector completes the step.') }),
], { error: 'a step is { id } with exactly one of event, url or selector' });

export const flowSchema = z
  .strictObject({
    id: id.describe('Stable id; reported as `flow`.'),
    name: text.describe('Human name; reported as `flow_name`.'),
    steps: z.array(flowStepSchema).min(1).max(50),
    timeoutMs: z
      .int()
      .positive()
      .max(30 * 24 * 3600 * 1000)
      .optional()
      .describe('No progress for this long (ms) abandons the flow. Default 1800000 (30 minutes).'),
  })
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.steps.forEach((s, i) => {
      if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: ['steps', i, 'id'], message: `duplicate step id "${s.id}"` });
      seen.add(s.id);
    });
  });

/** A file of flows: the array given to the SDK as `config.flows` (and to `sabu validate`). */
export const flowsSchema = z.array(flowSchema);

export type FlowStepInput = z.input<typeof flowStepSchema>;
export type Flow = z.output<typeof flowSchema>;
