import { EVENT_SOURCES_STEPS } from './eventSources.js';
import { PERSON_FACTS_STEPS } from './personFacts.js';

/**
 * ClickHouse schema versions, applied in order by `sabu migrate` and on start. ClickHouse
 * has no transactional DDL, so every step is idempotent (IF NOT EXISTS): several collectors
 * starting at once, or a step interrupted half-way, simply run it again. The applied
 * version is a row in `sabu_meta`. Append new steps, never edit a shipped one.
 *
 * Times are Int64 epoch milliseconds, as the store interface hands them over: no range
 * limit of DateTime64 can reject or clamp a time (reports ignore times outside 1970–2100
 * the same way the DuckDB store does, see ../timeRange.ts).
 */
export const CH_MIGRATIONS: string[][] = [
  [
    // One row per (project, messageId), whatever was sent twice: ReplacingMergeTree folds
    // duplicates in background merges and every read uses FINAL, so a retried batch counts
    // once even before a merge ran, and across any number of collectors (see
    // docs/collector.md#clickhouse). `ver` keeps the first received copy, as DuckDB does.
    // No PARTITION BY: a partition key would let two copies of a message (whose skew-corrected
    // times may differ by a few ms) land in different partitions, where FINAL cannot fold them.
    `CREATE TABLE IF NOT EXISTS events (
       project_id String,
       message_id String,
       type LowCardinality(String),
       event Nullable(String),
       anonymous_id Nullable(String),
       user_id Nullable(String),
       group_id Nullable(String),
       event_time Int64 CODEC(Delta, ZSTD),
       original_time Int64 CODEC(Delta, ZSTD),
       received_at Int64 CODEC(Delta, ZSTD),
       session_id Nullable(String),
       page_path Nullable(String),
       properties Nullable(String) CODEC(ZSTD),
       traits Nullable(String) CODEC(ZSTD),
       context Nullable(String) CODEC(ZSTD),
       seq UInt64,
       ver UInt64
     ) ENGINE = ReplacingMergeTree(ver)
     ORDER BY (project_id, message_id)`,
    // anonymous id → user id. The earliest link by event time wins (ver), the rule DuckDB
    // applies within a commit: an order-independent rule, so N collectors agree.
    `CREATE TABLE IF NOT EXISTS identities (
       project_id String,
       anonymous_id String,
       user_id String,
       linked_at Int64,
       ver UInt64
     ) ENGINE = ReplacingMergeTree(ver)
     ORDER BY (project_id, anonymous_id)`,
  ],
  // Issue 16: per-person summaries kept at ingest by materialized views on `events`
  // (eventSources.ts, personFacts.ts), filled from the events stored so far, so cohorts and
  // TTV stop scanning every event. Each statement is safe to run twice (IF NOT EXISTS; a
  // backfill run again folds into the same answers).
  [...EVENT_SOURCES_STEPS, ...PERSON_FACTS_STEPS],
];

/** `sabu_meta` itself: created before any step, to read the applied version from. */
export const CH_META_TABLE = `CREATE TABLE IF NOT EXISTS sabu_meta (key String, value String, at DateTime64(3) DEFAULT now64(3))
  ENGINE = ReplacingMergeTree(at) ORDER BY key`;
