import type { EventRow } from './EventRow.js';
import type {
  TtvSubject,
  TtvDurations,
  TtvQuery,
  ChecklistRow,
  VoiceAnswer,
  VoiceComment,
  FrictionData,
  AdoptionData,
  AccountInputs,
  ReportQuery,
  CohortQuery,
  TourData,
  GuideRow,
  WindowQuery,
  ProjectSummary,
  ExperimentExposure,
  AccountSignals,
  AccountSignalsQuery,
  PersonEventsQuery,
  PersonEvent,
} from './queryTypes.js';
import type { RecentEvents, RecentQuery } from './recentTypes.js';

/**
 * The storage boundary. Ingest writes through `insertEvents`; reports read through the
 * `*Rows` methods, each returning per-person or per-group aggregates computed by the
 * database, which the report modules turn into answers (Kaplan–Meier, NPS, health score).
 * A ClickHouse backend implements the same interface with its own SQL.
 */
export interface Store {
  /**
   * Stores events, skipping any `(projectId, messageId)` already stored, and links
   * anonymous ids to user ids. Resolves only once the rows are durably committed: ingest
   * acknowledges a batch after this resolves.
   */
  insertEvents(rows: EventRow[]): Promise<void>;
  /** Number of stored events of a project (health checks, tests, the CLI). */
  countEvents(projectId: string): Promise<number>;
  /**
   * Stored events, how many of them are synthetic demo data (ids "demo-…"), and how many
   * stored times the reports ignore as outside 1970–2100.
   */
  projectSummary(projectId: string): Promise<ProjectSummary>;
  /** The newest events in receive order, for the live view and `sabu tail` (see recentTypes.ts). */
  recentEvents(q: RecentQuery): Promise<RecentEvents>;
  /** One row per identified person (the experiment report; tests). */
  ttvSubjects(q: TtvQuery): Promise<TtvSubject[]>;
  /** The TTV report's input: per cohort, the durations `observe` would give its people. */
  ttvDurations(q: TtvQuery): Promise<TtvDurations[]>;
  checklistRows(q: ReportQuery): Promise<ChecklistRow[]>;
  voiceAnswers(q: ReportQuery & { by: string }): Promise<VoiceAnswer[]>;
  voiceComments(q: ReportQuery, limit: number): Promise<VoiceComment[]>;
  frictionData(q: ReportQuery): Promise<FrictionData>;
  adoptionData(q: WindowQuery): Promise<AdoptionData>;
  accountInputs(q: WindowQuery & { valueEvent?: string }): Promise<AccountInputs[]>;
  /** The tour funnel's aggregates (`Tour *` events); see TourData. */
  tourData(q: CohortQuery): Promise<TourData>;
  /** Hotspots, banners and announcements (`Guide *` events) per guide and cohort. */
  guideRows(q: CohortQuery): Promise<GuideRow[]>;
  /** First exposure per person and experiment, events up to `asOf` (the experiment report). */
  experimentExposures(q: Pick<ReportQuery, 'projectId' | 'asOf'>): Promise<ExperimentExposure[]>;
  /** What the server-side playbook rules read about accounts (src/playbooks/). */
  accountSignals(q: AccountSignalsQuery): Promise<AccountSignals>;
  /** One person's `track` events of the given names, identity stitched (cross-device guidance state). */
  personEvents(q: PersonEventsQuery): Promise<PersonEvent[]>;
  /** Runs a read-only SQL statement (bench, CLI debugging). */
  querySql(sql: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}
