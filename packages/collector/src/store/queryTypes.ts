/** Filters shared by every report. Times are epoch milliseconds. */
export interface ReportQuery {
  projectId: string;
  /** Only people who started (signed up / were first seen) at or after this time. */
  from?: number;
  /** Only people who started before this time. */
  to?: number;
  /** Only people whose trait `where[0]` equals `where[1]`. */
  where?: [string, string];
  /** The "now" of the report: later events are ignored, open cases are censored here. */
  asOf: number;
}

export interface TtvQuery extends ReportQuery {
  /** A trait name, or `signup_week` / `signup_month`. */
  by: string;
  /** Event that counts as value when `First Value Reached` is absent. */
  valueEvent?: string;
}

/** One identified person for the TTV report. */
export interface TtvSubject {
  personId: string;
  /** Signup (`created_at` / `signed_up_at` trait) else first seen. */
  startAt: number;
  /** First `First Value Reached`, else first value event; null when not (yet) reached. */
  valueAt: number | null;
  /** `ttv_ms` of the first `First Value Reached`, when the SDK measured it. */
  reportedTtvMs: number | null;
  cohort: string;
}

/**
 * One cohort of the TTV report, its people observed as ttvReport.ts `observe` does: how
 * long each took to reach value by `asOf` (ms, 0 or more), and how long each of the others
 * was watched until `asOf` (censored). Each list in no particular order; cohorts in the
 * order of their names, as ttvSubjects.
 */
export interface TtvDurations {
  cohort: string;
  reachedMs: number[];
  censoredMs: number[];
}

export interface ChecklistRow {
  checklist: string;
  /** Null for the checklist-level row. */
  item: string | null;
  shown: number;
  completedUsers: number;
  /** Median ms from first shown to first completion of the item (or the checklist). */
  medianMs: number | null;
  dismissed: number;
  /** For the checklist-level row: median `duration_ms` of `Checklist Completed`. */
  medianDurationMs: number | null;
}

export interface VoiceAnswer {
  survey: string;
  kind: 'nps' | 'csat' | 'ces';
  score: number;
  cohort: string;
  /** Monday of the answer's week, YYYY-MM-DD. */
  week: string;
  personId: string;
}

export interface VoiceComment {
  survey: string;
  comment: string;
  personId: string;
  at: number;
}

export interface FrictionData {
  clicks: { kind: string; page: string; selector: string; count: number; users: number }[];
  flows: { flow: string; lastStep: string; reason: string; count: number; users: number }[];
  forms: { page: string; form: string; lastField: string; count: number; users: number }[];
  vitals: { page: string; name: string; p75: number; samples: number }[];
}

export interface WindowQuery {
  projectId: string;
  asOf: number;
  windowDays: number;
}

export interface AdoptionData {
  activeUsers: number;
  activeAccounts: number;
  features: { feature: string; users: number; accounts: number }[];
}

/** Raw per-account measurements over the window, before weighting. */
export interface AccountInputs {
  accountId: string;
  users: number;
  activeDays: number;
  featuresUsed: number;
  totalFeatures: number;
  usersReachedValue: number;
  /** Mean of answers normalised to 0..1, null without answers. */
  sentiment: number | null;
  frictionEvents: number;
  activeUserDays: number;
}

/** Stored times the reports ignore because they fall outside 1970–2100 (see timeRange.ts). */
export interface TimesOutOfRange {
  /** Events whose time as sent was out of range; their receive time is used instead. */
  eventTimes: number;
  /** `created_at` / `signed_up_at` traits given but not a time in range; first seen is used instead. */
  traitTimes: number;
}

/** What the dashboard shows about a project (GET /v1/project). */
export interface ProjectSummary {
  events: number;
  /** Synthetic demo events (ids "demo-…"). */
  syntheticEvents: number;
  timesOutOfRange: TimesOutOfRange;
}

/** Report filters plus the cohort (`by`): a trait name, or `signup_week` / `signup_month`. */
export interface CohortQuery extends ReportQuery {
  by: string;
}

/**
 * What the tour funnel is made of (every count is distinct people of the report's
 * subjects, who started the tour: sent `Tour Started` or viewed one of its steps).
 */
export interface TourData {
  /** One row per tour and cohort. */
  tours: {
    tour: string;
    cohort: string;
    started: number;
    completed: number;
    /** People who dismissed it at least once. */
    dismissed: number;
    /** People for whom at least one step failed. */
    failed: number;
    /** The most steps a `Tour Started` or `Tour Step Viewed` announced (0 when none did). */
    steps: number;
  }[];
  /** One row per tour and step index (0-based) that anything happened at, all cohorts. */
  steps: {
    tour: string;
    index: number;
    /** The step id seen most at this index (ties: the smallest), null when none was sent. */
    step: string | null;
    viewed: number;
    /** Started, did not complete, and this was the furthest step they viewed. */
    dropped: number;
    dismissed: number;
  }[];
  /** `Tour Step Failed` by tour, step and reason: people, and events. */
  failures: { tour: string; index: number | null; step: string | null; reason: string; users: number; count: number }[];
  /** Per tour: people who started but never viewed a step. */
  unseen: { tour: string; users: number }[];
}

/** Hotspots, banners and announcements (`Guide *` events): distinct people per guide and cohort. */
export interface GuideRow {
  guide: string;
  kind: string;
  cohort: string;
  /** People who saw it (a `Guide Viewed`, or a click or dismissal, which imply one). */
  viewed: number;
  clicked: number;
  dismissed: number;
}

/**
 * A person's first `Experiment Exposed` in an experiment (identity stitched: anonymous
 * exposures count for the user they were linked to).
 */
export interface ExperimentExposure {
  experiment: string;
  /** The variant of the first exposure. */
  variant: string;
  personId: string;
  exposedAt: number;
  /** Distinct variants this person was exposed to (more than 1: assignment changed, e.g. across devices before identify). */
  variants: number;
  /** First `Checklist Completed` (any checklist) at or after the first exposure, else null. */
  checklistCompletedAt: number | null;
}

/** What the server-side playbook rules read about accounts (a person's account: their latest group). */
export interface AccountSignalsQuery {
  projectId: string;
  asOf: number;
  valueEvent?: string;
  /** NPS answers given in the last this many days are returned. */
  answersWithinDays: number;
  /** For each of these windows: active people per account now and in the window before. */
  activeWindowsDays: number[];
}

export interface AccountSignals {
  /** Identified people of an account who have not reached value by `asOf`, with their start (signup, else first seen). */
  withoutValue: { accountId: string; personId: string; startAt: number }[];
  /** NPS answers (`Survey Answered`, kind `nps`) of account members within `answersWithinDays`. */
  npsAnswers: { accountId: string; personId: string; survey: string | null; score: number; at: number }[];
  /** Distinct active people per account in (asOf − W, asOf] (`current`) and (asOf − 2W, asOf − W] (`previous`). */
  activeUsers: { accountId: string; windowDays: number; current: number; previous: number }[];
}

/** One person's guidance events (POST /v1/state). */
export interface PersonEventsQuery {
  projectId: string;
  /** The user id: events of the anonymous ids linked to it count. */
  personId: string;
  /** Only these event names (`track` calls). */
  events: readonly string[];
  /** The newest this many, returned oldest first. */
  limit: number;
}

export interface PersonEvent {
  event: string;
  properties: Record<string, unknown> | null;
  at: number;
}
