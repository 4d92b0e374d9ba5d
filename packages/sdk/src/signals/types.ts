/** Options of the rage-click detector. */
export interface RageClickOptions {
  /** Clicks that make a burst. @default 3 (PostHog, Clickport) */
  count?: number;
  /** The burst's clicks fall within this many ms. @default 1000 */
  windowMs?: number;
  /** Greatest distance (px) of a burst's clicks from its first click. @default 30 */
  radius?: number;
}

/** Options of the dead-click detector. */
export interface DeadClickOptions {
  /** How long (ms) after a click the page has to respond. @default 1000 */
  windowMs?: number;
}

/** Options of the error-click detector and of `Error` events. */
export interface ErrorOptions {
  /** An uncaught error this soon (ms) after a click makes an `Error Click`. @default 500 */
  windowMs?: number;
  /** Most `Error` events per minute; the same message counts once a minute. @default 10 */
  maxPerMinute?: number;
}

/**
 * `config.signals`: each detector is on by default; `false` turns one (or, for the whole
 * object, all) off, and an object tunes it.
 * @example { rageClicks: { count: 4 }, webVitals: false }
 */
export interface SignalsOptions {
  /** `Feature Used` from clicks on `[data-sabu-feature]`. @default true */
  features?: boolean;
  /** `Rage Click`. @default true */
  rageClicks?: boolean | RageClickOptions;
  /** `Dead Click`. @default true */
  deadClicks?: boolean | DeadClickOptions;
  /** `Error Click` and `Error`. @default true */
  errors?: boolean | ErrorOptions;
  /** `Form Abandoned`. @default true */
  forms?: boolean;
  /** `Web Vital` (LCP, INP, CLS, FCP, TTFB), loaded on demand. @default true */
  webVitals?: boolean;
}

/** One step of a flow: exactly one of `event`, `url` or `selector`. */
export interface FlowStep {
  id: string;
  /** A track event with this name completes the step. */
  event?: string;
  /** A page whose path (or full URL, if the pattern starts with `http`) matches; `*` matches anything. */
  url?: string;
  /** A click on an element matching this CSS selector. */
  selector?: string;
}

/** A flow product teams declare (schema: `@sabu/schema` `flowSchema`, `flow.schema.json`). */
export interface FlowDefinition {
  id: string;
  name: string;
  steps: FlowStep[];
  /** A flow with no progress for this long (ms) is abandoned. @default 1800000 (30 minutes) */
  timeoutMs?: number;
}

/**
 * `config.value`: the moment a user first gets value.
 * @example { event: 'Report Created', where: { sample: false }, cohortBy: 'plan' }
 */
export interface ValueOptions {
  /** The track event that is the value moment. */
  event: string;
  /** Properties the event must have (equal values) to count. */
  where?: Record<string, string | number | boolean | null>;
  /** The trait that names the cohort. @default the ISO week of the start, e.g. '2026-W48' */
  cohortBy?: string;
}
