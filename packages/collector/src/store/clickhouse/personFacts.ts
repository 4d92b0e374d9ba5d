import { EVENT_TS, jnum, traitTimeColumns } from './sqlParts.js';

/**
 * `person_facts`, the twin of ../duckdb/personFacts.ts: a narrow copy of the few events
 * that say who a person is and when they reached value: identify() calls (traits, with the
 * signup time already parsed from `created_at` / `signed_up_at`) and `First Value
 * Reached` (its `ttv_ms`). Cohorts and TTV read these instead of scanning and parsing
 * every event (issue 16). Rows keep their time and ids, so the report's "now", the
 * identity join and late links apply at read time exactly as on the events.
 *
 * Fed by a materialized view on `events` (see eventSources.ts for why). It is a copy of
 * events, not an aggregate, so duplicates are handled as in `events`: the same key
 * (project, messageId) and version, ReplacingMergeTree, read with FINAL, so the copy kept
 * is the one `events` keeps and a retried batch counts once.
 */

const KEPT = `type = 'identify' OR (type = 'track' AND event = 'First Value Reached')`;

/**
 * The kept events as the table stores them, with the signup time parsed as PEOPLE did it
 * on the events (the earlier of the two traits) and First Value Reached's `ttv_ms`.
 */
const SELECT_FACTS = `SELECT project_id, message_id, anonymous_id, user_id, type, ts, signed_up, ttv_ms, traits, ver
  FROM (
    SELECT project_id, message_id, anonymous_id, user_id, type, ${EVENT_TS} AS ts, traits,
      ${traitTimeColumns('created_at', 'c')},
      ${traitTimeColumns('signed_up_at', 's')},
      if(type = 'identify', toNullable(coalesce(least(c_time, s_time), c_time, s_time)), NULL) AS signed_up,
      if(type = 'track', ${jnum('properties', 'ttv_ms')}, NULL) AS ttv_ms,
      ver
    FROM events WHERE ${KEPT}
  )`;

/** Migration 2: the table, the view that feeds it, then the events stored so far. */
export const PERSON_FACTS_STEPS = [
  `CREATE TABLE IF NOT EXISTS person_facts (
     project_id String,
     message_id String,
     anonymous_id Nullable(String),
     user_id Nullable(String),
     type LowCardinality(String),
     ts Int64,
     signed_up Nullable(Int64),
     ttv_ms Nullable(Float64),
     traits Nullable(String) CODEC(ZSTD),
     ver UInt64
   ) ENGINE = ReplacingMergeTree(ver)
   ORDER BY (project_id, message_id)`,
  `CREATE MATERIALIZED VIEW IF NOT EXISTS person_facts_mv TO person_facts AS ${SELECT_FACTS}`,
  `INSERT INTO person_facts ${SELECT_FACTS}`,
];
