import type { ReportQuery } from '../queryTypes.js';
import { MAX_TIME_ISO, MIN_TIME_ISO } from '../timeRange.js';
import { SOURCES } from './eventSources.js';
import { PERSON_FACTS } from './personFacts.js';

/**
 * SQL shared by the report queries. Named parameters: $project, $asOf (epoch ms), $from,
 * $to, $whereKey, $whereValue, $by. Times are UTC `TIMESTAMP`s.
 */

export { traitTime } from './traitTime.js';

/**
 * An event's time as reports read it: a stored time outside 1970–2100 (written before
 * ingest checked the range) is absent, and the time the collector received it stands in.
 */
export const EVENT_TS = `CASE WHEN ts >= TIMESTAMP '${MIN_TIME_ISO}' AND ts < TIMESTAMP '${MAX_TIME_ISO}' THEN ts ELSE received_at END`;

/** resolved_events with EVENT_TS as `ts`: every report reads events through this. */
export const RESOLVED = `(SELECT * REPLACE (${EVENT_TS} AS ts) FROM resolved_events)`;

/**
 * The project's events up to the report's "now", each with its person. Not materialized:
 * each use is inlined, so its own filter (identify calls, value events…) reaches the
 * table scan before the identity join, instead of 10M events being joined and kept
 * for a filter that keeps 3 % of them (TTV on 10M events: most of its time, issue 16).
 */
export const EV = `ev AS NOT MATERIALIZED (
  SELECT * FROM ${RESOLVED}
  WHERE project_id = $project AND ts <= epoch_ms($asOf::BIGINT)
)`;

/**
 * One row per identified person: when they started (signup trait, else first seen) and
 * the latest value of the `$by` and `$whereKey` traits.
 */
export const PEOPLE = `people AS (
  SELECT f.person_id, coalesce(i.signed_up, f.first_seen) AS start_at, i.by_trait, i.where_trait
  FROM (
    -- First seen: per (anonymous id, user id) pair, kept at ingest (eventSources.ts), so the
    -- identity join sees one row per browser and user instead of one per event. A pair's
    -- earliest time is at or before $asOf exactly when it sent an event by then.
    SELECT coalesce(g.user_id, i.user_id, g.anonymous_id) AS person_id, min(g.first_seen) AS first_seen
    FROM ${SOURCES} g
    LEFT JOIN identities i ON i.project_id = $project AND i.anonymous_id = g.anonymous_id
    WHERE g.project_id = $project AND g.first_seen <= epoch_ms($asOf::BIGINT) AND coalesce(g.user_id, i.user_id) IS NOT NULL
    GROUP BY 1
  ) f
  LEFT JOIN (
    -- Traits come from identify() calls only, kept apart at ingest with their signup
    -- time already parsed (personFacts.ts): a small share of events.
    SELECT person_id, min(signed_up) AS signed_up,
      arg_max((traits->>$by), ts) FILTER (WHERE (traits->>$by) IS NOT NULL) AS by_trait,
      arg_max((traits->>$whereKey), ts) FILTER (WHERE (traits->>$whereKey) IS NOT NULL) AS where_trait
    FROM ${PERSON_FACTS} WHERE type = 'identify' AND known_user_id IS NOT NULL GROUP BY person_id
  ) i USING (person_id)
)`;

/** People kept by the report's filters, with their cohort label. */
export const SUBJECTS = `subjects AS (
  SELECT *,
    CASE $by
      WHEN 'signup_week' THEN strftime(date_trunc('week', start_at), '%Y-%m-%d')
      WHEN 'signup_month' THEN strftime(date_trunc('month', start_at), '%Y-%m')
      ELSE coalesce(by_trait, '(none)')
    END AS cohort
  FROM people
  WHERE ($from IS NULL OR start_at >= epoch_ms($from::BIGINT))
    AND ($to IS NULL OR start_at < epoch_ms($to::BIGINT))
    AND ($whereKey = '' OR where_trait = $whereValue)
)`;

export function baseParams(q: ReportQuery, by = 'signup_week'): Record<string, string | number | null> {
  return {
    project: q.projectId,
    asOf: q.asOf,
    from: q.from ?? null,
    to: q.to ?? null,
    whereKey: q.where?.[0] ?? '',
    whereValue: q.where?.[1] ?? '',
    by,
  };
}

/** Epoch ms of a TIMESTAMP as a JS number (DuckDB returns BIGINT as bigint). */
export const ms = (expr: string) => `epoch_ms(${expr})::DOUBLE`;
