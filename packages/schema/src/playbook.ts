import { z } from 'zod';
import { DO_KINDS, MAX_COUNT, MAX_WINDOW_SECONDS, PLAYBOOK_EXPECTED, WHEN_KINDS } from './texts.js';
import { EXPECTED, unknownKeys, audienceSchema, idSchema, nonEmpty, textSchema, valuesSchema } from './rules.js';
import { experimentSchema, refineVariants } from './experiment.js';

/**
 * Client playbooks: "when this signal crosses a line in the browser, do this", written by
 * product and CS teams as JSON (`playbook.schema.json`) and run by the SDK on the events
 * it already produces. The browser checks the same rules by hand
 * (packages/sdk/src/guidance/playbook/validatePlaybook.ts); tests/unit/schema/playbookAgreement.test.ts
 * keeps the two in step. See docs/playbooks.md.
 */

export { DO_KINDS, MAX_COUNT, MAX_WINDOW_SECONDS, PLAYBOOK_EXPECTED, WHEN_KINDS };

const objectError = { error: (i: { code: string; keys?: string[] }) => (i.code == 'unrecognized_keys' ? unknownKeys(i.keys ?? []) : EXPECTED.object) };
const E = PLAYBOOK_EXPECTED;
const positiveInt = (message: string) => z.int({ error: message }).positive({ error: message });

/** The threshold: exactly one kind of signal, with how many and how fast where that applies. */
export const whenSchema = z
  .strictObject(
    {
      friction: z.enum(['rage', 'dead', 'error'], { error: E.friction }).optional()
        .describe('`Rage Click`, `Dead Click` or `Error Click` events (the signals Sabu sends by itself).'),
      event: nonEmpty.optional().describe('Any track event with this name...'),
      properties: valuesSchema.optional().describe('...with these properties (only with event).'),
      count: z.int({ error: E.count }).min(1, { error: E.count }).max(MAX_COUNT, { error: E.count }).optional()
        .describe('How many of them (friction, event). Default 1.'),
      withinSeconds: z.number({ error: E.window }).positive({ error: E.window }).max(MAX_WINDOW_SECONDS, { error: E.window }).optional()
        .describe('...within this many seconds (friction, event). Default 60.'),
      page: nonEmpty.optional().describe('Only on pages matching this URL pattern (path, or full URL when it starts with http; `*` matches anything).'),
      element: nonEmpty.optional().describe('Only clicks on (or inside) an element matching this CSS selector (only with friction).'),
      flowAbandoned: nonEmpty.optional().describe('`Flow Abandoned` of this flow id ("*": any).'),
      formAbandoned: nonEmpty.optional().describe('`Form Abandoned` of this form (its id, name or selector; "*": any).'),
      noValueAfterDays: z.number({ error: E.days }).positive({ error: E.days }).optional()
        .describe('First Value not reached this many days after signup (`created_at`, else first seen); checked when a session starts. Needs `value` in the SDK config.'),
      featureNotUsed: nonEmpty.optional().describe('This feature (`Feature Used` { feature }) not used...'),
      afterSessions: positiveInt(E.sessions).optional().describe('...by the user\'s Nth session (required with featureNotUsed).'),
    },
    objectError,
  )
  .superRefine((w, ctx) => {
    const issue = (path: string[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (WHEN_KINDS.filter((k) => w[k] !== undefined).length != 1) issue([], E.when);
    if (w.properties !== undefined && w.event === undefined) issue(['properties'], EXPECTED.onlyWithEvent);
    const counted = w.friction !== undefined || w.event !== undefined;
    if (w.count !== undefined && !counted) issue(['count'], E.onlyCounted);
    if (w.withinSeconds !== undefined && !counted) issue(['withinSeconds'], E.onlyCounted);
    if (w.element !== undefined && w.friction === undefined) issue(['element'], E.onlyWith('friction'));
    if (w.page !== undefined && (w.noValueAfterDays !== undefined || w.featureNotUsed !== undefined)) issue(['page'], E.onlyWith('friction, event, flowAbandoned or formAbandoned'));
    if (w.afterSessions !== undefined && w.featureNotUsed === undefined) issue(['afterSessions'], E.onlyWith('featureNotUsed'));
    if (w.featureNotUsed !== undefined && w.afterSessions === undefined) issue(['afterSessions'], E.needs('featureNotUsed'));
  });

/** A hint beside an element: the checklist's highlight and bubble, shown by a playbook. */
export const hintSchema = z.strictObject(
  {
    selector: nonEmpty.describe('The element to point at (CSS selector; the first match, shadow roots included).'),
    text: textSchema.describe('The hint, plain text with **bold** and [links](https://…).'),
  },
  objectError,
);

/** The action: exactly one. */
export const doSchema = z
  .strictObject(
    {
      hint: hintSchema.optional().describe('Show a hint beside an element.'),
      tour: idSchema.optional().describe('Start this tour...'),
      step: z.int({ error: E.step }).min(0, { error: E.step }).optional().describe('...at this step (0-based; only with tour). Default 0.'),
      checklist: idSchema.optional().describe('Open the panel of this checklist (the one on the page)...'),
      item: idSchema.optional().describe('...and point at this item\'s element (only with checklist).'),
      survey: idSchema.optional().describe('Ask this survey now (it must be registered; its audience and throttling apply). A CES after friction, say.'),
      event: nonEmpty.optional().describe('Only send a track event with this name (for the host or a webhook to act on)...'),
      properties: valuesSchema.optional().describe('...with these properties (only with event).'),
    },
    objectError,
  )
  .superRefine((d, ctx) => {
    const issue = (path: string[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (DO_KINDS.filter((k) => d[k] !== undefined).length != 1) issue([], E.do);
    if (d.step !== undefined && d.tour === undefined) issue(['step'], E.onlyWith('tour'));
    if (d.item !== undefined && d.checklist === undefined) issue(['item'], E.onlyWith('checklist'));
    if (d.properties !== undefined && d.event === undefined) issue(['properties'], EXPECTED.onlyWithEvent);
  });

export const playbookSchema = z
  .strictObject(
    {
      $schema: z.string({ error: 'expected a string' }).optional(),
      id: idSchema.describe('Stable id; reported as `playbook` and keying the cool-down and cap.'),
      when: whenSchema,
      do: doSchema,
      audience: audienceSchema.optional(),
      cooldownHours: z.number({ error: E.hours }).min(0, { error: E.hours }).optional()
        .describe('After it fired, it does not fire again for this user for this long. Default 24.'),
      maxPerUser: positiveInt(E.cap).optional().describe('It fires at most this many times per user, ever. Default 3.'),
      priority: z.int({ error: E.priority }).optional()
        .describe('Rank in the shared prompt budget when prompts compete (a checklist opening by itself is 10, a survey 5). Default 8.'),
      experiment: experimentSchema.optional(),
    },
    objectError,
  )
  .superRefine((p, ctx) => refineVariants(p, playbookSchema, ctx));

/** A file of playbooks: one definition, or an array of them (as `data-playbooks` takes). */
export const playbooksSchema = z.array(playbookSchema, { error: 'expected a playbook or an array of playbooks' });

export type PlaybookInput = z.input<typeof playbookSchema>;
export type Playbook = z.output<typeof playbookSchema>;
export type PlaybookWhen = z.output<typeof whenSchema>;
export type PlaybookDo = z.output<typeof doSchema>;
