/**
 * The words and limits of definition validation, shared by the zod schemas (collector,
 * CLI) and the SDK's hand-written browser checks. Kept free of zod (like limits.ts), so
 * the browser imports the one copy rather than a twin kept in step by tests.
 */

/** Problem texts of the shared rule language (checklists, surveys). */
export const EXPECTED = {
  string: 'expected a non-empty string',
  id: 'expected an id of 1 to 64 letters, digits, "_", "-", "." or ":"',
  text: 'expected a non-empty string, or an object of them by locale such as {"en": "…", "ja": "…"}',
  value: 'expected a string, number, boolean or null, or an array of them (any of)',
  values: 'expected an object of property names to values',
  boolean: 'expected true or false',
  days: 'expected a positive number of days',
  version: 'expected a positive integer',
  urls: 'expected a non-empty array of URL patterns',
  conditions: 'expected a non-empty array of conditions',
  condition: 'expected exactly one of event, url, click, visible, trait, all or any',
  onlyWithEvent: 'only allowed with event',
  onlyWithTrait: 'only allowed with trait',
  object: 'expected an object',
  link: 'expected an http(s) or relative URL',
} as const;

/** The problem text for fields a definition does not know (often a typo). */
export const unknownKeys = (keys: readonly string[]) => 'unknown field ' + keys.map((k) => JSON.stringify(k)).join(', ');

/** A pattern for ids: short, stable, safe in storage keys and event properties. */
export const ID_PATTERN = /^[\w.:-]{1,64}$/;

/** The survey kinds and their scales: NPS 0–10, CSAT 1–5, CES (effort, "how easy") 1–7. */
export const SURVEY_SCALES = { nps: [0, 10], csat: [1, 5], ces: [1, 7] } as const;
export type SurveyKind = keyof typeof SURVEY_SCALES;
/** Score buckets the follow-up question may depend on, by kind. */
export const SURVEY_BUCKETS = { nps: ['detractor', 'passive', 'promoter'], csat: ['low', 'neutral', 'high'], ces: ['low', 'neutral', 'high'] } as const;
/** Keys of a trigger that say what kind it is; a trigger has exactly one. */
export const TRIGGER_KINDS = ['event', 'sessions', 'daysAfterSignup', 'url', 'checklistCompleted', 'flowCompleted', 'flowAbandoned', 'friction'] as const;
/** Most triggers per survey. */
export const MAX_TRIGGERS = 10;
/** Longest trigger delay: one hour (a prompt later than that has lost its moment). */
export const MAX_DELAY_SECONDS = 3600;

/** Problem texts of survey definitions. */
export const SURVEY_EXPECTED = {
  kind: 'expected "nps", "csat" or "ces"',
  trigger: `expected exactly one of ${TRIGGER_KINDS.join(', ')}`,
  triggers: `expected an array of 1 to ${MAX_TRIGGERS} triggers`,
  count: 'expected a positive integer',
  friction: 'expected "rage", "dead" or "any"',
  onlyWithFriction: 'only allowed with friction',
  delay: `expected a number of seconds from 0 to ${MAX_DELAY_SECONDS}`,
  rate: 'expected a number from 0 to 1',
  days: 'expected a number of days of 0 or more',
  priority: 'expected an integer',
  bucket: (kind: string) => `not a bucket of ${kind}; expected one of ${SURVEY_BUCKETS[kind as SurveyKind].join(', ')}`,
} as const;

/** Keys of a tour's or guide's trigger: the survey kinds, plus `requested` (`sabu.tour(id)` only). */
export const GUIDE_TRIGGER_KINDS = [...TRIGGER_KINDS, 'requested'] as const;
/** Most steps per tour (a longer tour loses its users: split it). */
export const MAX_STEPS = 30;
/** Longest wait for a step's anchor to appear. */
export const MAX_ANCHOR_WAIT_SECONDS = 120;
/** Where a step or a hotspot's tip goes beside its anchor (flipped when it does not fit). */
export const PLACEMENTS = ['top', 'bottom', 'left', 'right'] as const;
/** What the SDK does when a step's anchor never shows: skip to the next step, or end the tour. */
export const ON_MISSING = ['skip', 'end'] as const;
/** The kinds of guide beside tours. */
export const GUIDE_KINDS = ['hotspot', 'banner', 'announcement'] as const;

/** Problem texts of tours and guides (hotspots, banners, announcements). */
export const TOUR_EXPECTED = {
  trigger: `expected exactly one of ${GUIDE_TRIGGER_KINDS.join(', ')}`,
  requested: 'expected true',
  steps: `expected an array of 1 to ${MAX_STEPS} steps`,
  placement: `expected one of ${PLACEMENTS.join(', ')}`,
  onMissing: 'expected "skip" or "end"',
  advance: 'expected "next", "click" or a condition such as {"event": "Project Created"}',
  clickNeedsAnchor: '"click" advances on a click on the anchor: give the step an anchor',
  wait: `expected a number of seconds from 0 to ${MAX_ANCHOR_WAIT_SECONDS}`,
  kind: 'expected "hotspot", "banner" or "announcement"',
  hotspotAnchor: 'a hotspot needs an anchor (the CSS selector of the element it marks)',
  onlyBanner: 'only allowed on a banner',
  onlyHotspot: 'only allowed on a hotspot',
  onlyAnchored: 'only allowed with an anchor',
  position: 'expected "top" or "bottom"',
  action: 'expected exactly one of url or tour',
} as const;

/** Most variants per experiment (the holdout aside): an A/B/n test past a handful never reaches significance. */
export const MAX_VARIANTS = 10;
/** The variant id reported for holdout users; no variant may take it. */
export const HOLDOUT = 'holdout';
/** Fields a variant may not override: they identify the definition or the experiment. */
export const FIXED_FIELDS = ['$schema', 'id', 'experiment'] as const;

/** Problem texts of `experiment` (any guidance: checklist, survey, playbook, tour). */
export const EXPERIMENT_EXPECTED = {
  variants: `expected an array of 1 to ${MAX_VARIANTS} variants`,
  weight: 'expected a number of 0 or more',
  share: 'expected a number from 0 to 1',
  overrides: 'expected an object of fields of the definition',
  fixed: (k: string) => `"${k}" cannot vary between variants`,
  duplicate: (id: string) => `duplicate variant id "${id}"`,
  holdoutId: `"${HOLDOUT}" is reserved for the holdout; name the variant otherwise`,
  noWeight: 'expected at least one variant with a weight above 0',
} as const;

/** Keys of a playbook's `when` that say what kind it is; it has exactly one. */
export const WHEN_KINDS = ['friction', 'event', 'flowAbandoned', 'formAbandoned', 'noValueAfterDays', 'featureNotUsed'] as const;
/** Keys of a playbook's `do` that say what it does; it has exactly one. */
export const DO_KINDS = ['hint', 'tour', 'checklist', 'survey', 'event'] as const;
/** Longest threshold window: a day (friction further apart is not one struggle). */
export const MAX_WINDOW_SECONDS = 86_400;
/** Most occurrences a threshold may ask for (they are kept per user while they count). */
export const MAX_COUNT = 100;

/** Problem texts of playbook definitions. */
export const PLAYBOOK_EXPECTED = {
  when: `expected exactly one of ${WHEN_KINDS.join(', ')}`,
  do: `expected exactly one of ${DO_KINDS.join(', ')}`,
  friction: 'expected "rage", "dead" or "error"',
  count: `expected an integer from 1 to ${MAX_COUNT}`,
  window: `expected a number of seconds above 0, at most ${MAX_WINDOW_SECONDS}`,
  days: 'expected a number of days above 0',
  sessions: 'expected a positive integer',
  step: 'expected an integer of 0 or more (0 is the first step)',
  hours: 'expected a number of hours of 0 or more',
  cap: 'expected a positive integer',
  priority: 'expected an integer',
  onlyCounted: 'only allowed with friction or event',
  onlyWith: (k: string) => `only allowed with ${k}`,
  needs: (k: string) => `required with ${k}`,
} as const;
