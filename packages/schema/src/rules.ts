import { z } from 'zod';
import { EXPECTED, ID_PATTERN, unknownKeys } from './texts.js';
import { isSafeUrl } from './url.js';

export { EXPECTED, ID_PATTERN, unknownKeys, isSafeUrl };

/**
 * The rule language shared by checklists and surveys: who sees something (`audience`)
 * and what counts as done or as a trigger (`condition`). The browser checks the same
 * rules by hand, with the same paths and texts (packages/sdk/src/guidance/shared/validateRules.ts);
 * tests/unit/schema/checklistAgreement.test.ts keeps the two in step.
 */


export const nonEmpty = z.string({ error: EXPECTED.string }).min(1, { error: EXPECTED.string });
export const idSchema = z.string({ error: EXPECTED.id }).regex(ID_PATTERN, { error: EXPECTED.id });
/** Links: http(s) or relative only, as the browser resolves them (no `javascript:`, `data:`...). */
export const linkSchema = z.string({ error: EXPECTED.link }).refine(isSafeUrl, { error: EXPECTED.link });

/**
 * Text shown to users: plain, with **bold** and [links](https://…) rendered safely.
 * One string, or one per locale (`{ "en": "Invite a teammate", "ja": "チームメンバーを招待" }`).
 */
export const textSchema = z.union(
  [
    nonEmpty,
    z.record(z.string(), nonEmpty).refine((o) => Object.keys(o).length > 0, { error: EXPECTED.text }),
  ],
  { error: EXPECTED.text },
);

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
/** A value to compare with: equal to it, or (an array) equal to any of its items. */
export const matchValueSchema = z.union([scalar, z.array(scalar)], { error: EXPECTED.value });
/** Property name → expected value; every listed property must match. */
export const valuesSchema = z.record(z.string(), matchValueSchema, { error: EXPECTED.values });

/** Keys of a condition that say what kind it is; a condition has exactly one. */
export const CONDITION_KINDS = ['event', 'url', 'click', 'visible', 'trait', 'all', 'any'] as const;

/** A condition as written in JSON (see docs/checklists.md#rules). */
export interface Condition {
  /** A track event with this name (or a page view, for `url`) happened... */
  event?: string;
  /** ...with these properties (only with `event`). */
  properties?: Record<string, MatchValue>;
  /** A page whose path (or full URL when the pattern starts with http) matches; `*` matches anything. */
  url?: string;
  /** A click on (or inside) an element matching this CSS selector. */
  click?: string;
  /** An element matching this CSS selector became visible. */
  visible?: string;
  /** A user trait (from `identify()`) is set, or equals `equals`. */
  trait?: string;
  equals?: MatchValue;
  /** Every one of these conditions happened (in any order, at any time). */
  all?: Condition[];
  /** At least one of these conditions happened. */
  any?: Condition[];
}
export type MatchValue = string | number | boolean | null | Array<string | number | boolean | null>;

const conditionsSchema = (): z.ZodType<Condition[]> =>
  z.array(conditionSchema, { error: EXPECTED.conditions }).min(1, { error: EXPECTED.conditions });

/** One condition: exactly one of `event`, `url`, `click`, `visible`, `trait`, `all`, `any`. */
export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z
    .strictObject(
      {
        event: nonEmpty.optional(),
        properties: valuesSchema.optional(),
        url: nonEmpty.optional(),
        click: nonEmpty.optional(),
        visible: nonEmpty.optional(),
        trait: nonEmpty.optional(),
        equals: matchValueSchema.optional(),
        all: conditionsSchema().optional(),
        any: conditionsSchema().optional(),
      },
      { error: (i) => (i.code == 'unrecognized_keys' ? unknownKeys(i.keys) : EXPECTED.object) },
    )
    .superRefine((c, ctx) => {
      const kinds = CONDITION_KINDS.filter((k) => c[k] !== undefined);
      if (kinds.length != 1) ctx.addIssue({ code: 'custom', message: EXPECTED.condition });
      if (c.properties !== undefined && c.event === undefined) ctx.addIssue({ code: 'custom', path: ['properties'], message: EXPECTED.onlyWithEvent });
      if (c.equals !== undefined && c.trait === undefined) ctx.addIssue({ code: 'custom', path: ['equals'], message: EXPECTED.onlyWithTrait });
    }),
);

/**
 * Who sees it. Every given field must hold; leave one out to not restrict on it.
 * @example { "traits": { "plan": ["trial", "free"] }, "urls": ["/app/*"], "signedUpWithinDays": 14 }
 */
export const audienceSchema = z.strictObject(
  {
    traits: valuesSchema.optional().describe('User traits (from identify()) that must match; an array matches any of its values.'),
    urls: z.array(nonEmpty, { error: EXPECTED.urls }).min(1, { error: EXPECTED.urls }).optional()
      .describe('Shown only on pages matching one of these patterns (path, or full URL when it starts with http; `*` matches anything).'),
    excludeUrls: z.array(nonEmpty, { error: EXPECTED.urls }).min(1, { error: EXPECTED.urls }).optional()
      .describe('Never shown on pages matching one of these patterns.'),
    signedUpWithinDays: z.number({ error: EXPECTED.days }).positive({ error: EXPECTED.days }).optional()
      .describe('Only users whose `created_at` trait is at most this many days old (users without it are left out).'),
  },
  { error: (i) => (i.code == 'unrecognized_keys' ? unknownKeys(i.keys) : EXPECTED.object) },
);

export type Audience = z.output<typeof audienceSchema>;
