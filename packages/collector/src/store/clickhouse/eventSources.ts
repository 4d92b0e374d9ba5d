import { EVENT_TS } from './sqlParts.js';

/**
 * `event_sources`, the twin of ../duckdb/eventSources.ts: one row per (project, anonymous
 * id, user id) pair that sent events, with the pair's earliest event time as reports read
 * it (EVENT_TS). People's first-seen time is read here instead of grouping every event
 * (issue 16: TTV on 10M events).
 *
 * Kept by ClickHouse itself: a materialized view runs on every insert into `events`, so
 * any number of collectors, and rows written with SQL (the benchmark's), feed it alike,
 * in the same insert that the collector waits for before its 2xx. The aggregate is a
 * `min`, which a repeat cannot change: a retried batch (inserted again, folded in `events`
 * only by FINAL) leaves the table's answer as it was, and merges may combine rows in any
 * order. (A count would not be idempotent: none is kept here.) Reads say FINAL,
 * so rows not merged yet are folded at read.
 *
 * The one difference from DuckDB, which folds only the copy it stored: if a retried
 * message's copies carry different times (clock-skew correction from two `sentAt`s, a few
 * ms apart), the pair's first-seen time is the earlier of them.
 *
 * Key columns cannot be Nullable: a missing id is stored as '' (the wire schema requires
 * ids of 1+ characters) and read back as NULL (sqlParts.ts SOURCES).
 */

const SELECT_SOURCES = `SELECT project_id, coalesce(anonymous_id, '') AS anonymous_id, coalesce(user_id, '') AS user_id, min(${EVENT_TS}) AS first_seen
  FROM events GROUP BY project_id, anonymous_id, user_id`;

/** Migration 2: the table, the view that feeds it, then the events stored so far. */
export const EVENT_SOURCES_STEPS = [
  `CREATE TABLE IF NOT EXISTS event_sources (
     project_id String,
     anonymous_id String,
     user_id String,
     first_seen SimpleAggregateFunction(min, Int64)
   ) ENGINE = AggregatingMergeTree
   ORDER BY (project_id, anonymous_id, user_id)`,
  // The view before the backfill: an insert landing in between is then seen by both
  // (harmless, a min) rather than by neither.
  `CREATE MATERIALIZED VIEW IF NOT EXISTS event_sources_mv TO event_sources AS ${SELECT_SOURCES}`,
  `INSERT INTO event_sources ${SELECT_SOURCES}`,
];
