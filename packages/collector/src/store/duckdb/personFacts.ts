import type { EventRow } from '../EventRow.js';
import { READ_TIME } from './eventSources.js';
import { traitTime } from './traitTime.js';

/**
 * `person_facts`: a narrow copy of the few events that say who a person is and when
 * they reached value: identify() calls (traits, with the signup time already parsed
 * from `created_at` / `signed_up_at`) and `First Value Reached` (its `ttv_ms`). The TTV
 * report and every cohort read these instead of scanning and parsing all events (issue
 * 16). Rows are copied as stored, with their time and their ids, so the report's "now"
 * ($asOf), the identity join and the order of arrival apply at read time exactly as on
 * the events; the writer copies only rows it inserted, so a duplicate is never copied.
 */

const KEPT = `(type = 'identify' OR (type = 'track' AND event = 'First Value Reached'))`;

const fromEvents = (where: string) => `
  SELECT project_id, anonymous_id, user_id, type, ${READ_TIME} AS ts,
    CASE WHEN type = 'identify' THEN least(${traitTime('created_at')}, ${traitTime('signed_up_at')}) END AS signed_up,
    CASE WHEN type = 'track' THEN try_cast(properties->>'ttv_ms' AS DOUBLE) END AS ttv_ms,
    CASE WHEN type = 'identify' THEN traits END AS traits
  FROM events WHERE ${KEPT} ${where}`;

/** The table (migration 7), filled from the events stored so far. */
export const PERSON_FACTS_TABLE = `CREATE TABLE person_facts (
    project_id VARCHAR NOT NULL,
    anonymous_id VARCHAR,
    user_id VARCHAR,
    type VARCHAR NOT NULL,
    ts TIMESTAMP NOT NULL,
    signed_up TIMESTAMP,
    ttv_ms DOUBLE,
    traits JSON
  );
  INSERT INTO person_facts ${fromEvents('')};`;

/** Remakes the table from the events (tools that write events with SQL: the benchmark). */
export const PERSON_FACTS_REBUILD = `DELETE FROM person_facts; INSERT INTO person_facts ${fromEvents('')};`;

/** The same rows computed from the events, for a read-only database from before migration 7. */
export const PERSON_FACTS_VIEW = `CREATE TEMP VIEW person_facts AS ${fromEvents('')}`;

/** Copies the kept rows a commit inserted (receive numbers above `afterSeq`), in its transaction. */
export const copyNewPersonFacts = (afterSeq: number) => `INSERT INTO person_facts ${fromEvents(`AND seq > ${Math.floor(afterSeq)}`)}`;

/** Whether a group has rows the table keeps (else the copy is skipped). */
export const hasPersonFacts = (rows: readonly EventRow[]) =>
  rows.some((r) => r.type == 'identify' || (r.type == 'track' && r.event == 'First Value Reached'));

/**
 * The project's kept rows up to the report's "now", each with its person (as
 * resolved_events resolves them): a subquery for the report SQL ($project, $asOf).
 */
export const PERSON_FACTS = `(
  SELECT c.*, coalesce(c.user_id, l.user_id, c.anonymous_id) AS person_id, coalesce(c.user_id, l.user_id) AS known_user_id
  FROM person_facts c LEFT JOIN identities l ON l.project_id = c.project_id AND l.anonymous_id = c.anonymous_id
  WHERE c.project_id = $project AND c.ts <= epoch_ms($asOf::BIGINT)
)`;
