import type { DuckDBConnection } from '@duckdb/node-api';
import type { TtvDurations, TtvQuery, TtvSubject } from '../queryTypes.js';
import { EV, PEOPLE, SUBJECTS, baseParams, ms } from './sqlParts.js';
import { PERSON_FACTS } from './personFacts.js';
import { rows } from './reportQueries.js';

/**
 * The TTV report's reads: who started when and reached value when (ttvSubjects, one row per
 * person), and the same people as the report uses them (ttvDurations).
 */

/**
 * Subjects, and when each reached value: First Value Reached from the small copy
 * personFacts.ts keeps; the project's own value event (when it has one) from the events,
 * where only that name is read.
 */
const withValue = (q: TtvQuery) => `WITH ${EV}, ${PEOPLE}, ${SUBJECTS},
  value AS (
    SELECT person_id,
      min(ts) FILTER (WHERE fvr) AS fvr_at,
      arg_min(ttv_ms, ts) FILTER (WHERE fvr) AS fvr_ttv,
      min(ts) FILTER (WHERE NOT fvr) AS value_at
    FROM (
      SELECT person_id, ts, true AS fvr, ttv_ms FROM ${PERSON_FACTS} WHERE type = 'track'
      ${q.valueEvent ? `UNION ALL SELECT person_id, ts, false, NULL FROM ev WHERE type = 'track' AND event = $valueEvent` : ''}
    )
    GROUP BY person_id
  )`;

const params = (q: TtvQuery) => ({ ...baseParams(q, q.by), valueEvent: q.valueEvent ?? '' });

export function ttvSubjects(conn: DuckDBConnection, q: TtvQuery) {
  return rows<TtvSubject>(
    conn,
    `${withValue(q)}
     SELECT s.person_id AS "personId", ${ms('s.start_at')} AS "startAt",
       ${ms('coalesce(v.fvr_at, v.value_at)')} AS "valueAt",
       CASE WHEN v.fvr_at IS NOT NULL THEN v.fvr_ttv END AS "reportedTtvMs",
       s.cohort
     FROM subjects s LEFT JOIN value v USING (person_id)
     ORDER BY s.cohort, s.person_id`,
    params(q),
  );
}

/**
 * Per cohort, the durations ttvReport.ts `observe` gives each person, written in SQL so
 * that only two lists of numbers per cohort reach JS, not a row per person: converting
 * 200,000 rows of ids and labels was most of the report's time on 10M events (issue 16).
 * Each step mirrors `observe`, in doubles as JS computes: reached when value came by
 * $asOf; then the SDK's ttv_ms when it is a finite number ≥ 0 (isfinite: DuckDB orders
 * NaN above every number, JS compares it false), else value time − start; censored ones
 * are watched from start to $asOf; never below 0 (`+ 0.0` turns a -0 into 0, as Math.max).
 */
export async function ttvDurations(conn: DuckDBConnection, q: TtvQuery): Promise<TtvDurations[]> {
  const out = await rows<{ cohort: string; reachedMs: number[] | null; censoredMs: number[] | null }>(
    conn,
    `${withValue(q)},
     observed AS (
       SELECT s.cohort, ${ms('coalesce(v.fvr_at, v.value_at)')} AS value_ms,
         coalesce(value_ms <= $asOf::DOUBLE, false) AS reached,
         greatest(0, CASE
           WHEN NOT reached THEN $asOf::DOUBLE - ${ms('s.start_at')}
           WHEN v.fvr_at IS NOT NULL AND isfinite(v.fvr_ttv) AND v.fvr_ttv >= 0 THEN v.fvr_ttv
           ELSE value_ms - ${ms('s.start_at')}
         END) + 0.0 AS duration
       FROM subjects s LEFT JOIN value v USING (person_id)
     )
     SELECT cohort, list(duration) FILTER (WHERE reached) AS "reachedMs", list(duration) FILTER (WHERE NOT reached) AS "censoredMs"
     FROM observed GROUP BY cohort ORDER BY cohort`,
    params(q),
  );
  return out.map((c) => ({ cohort: c.cohort, reachedMs: c.reachedMs ?? [], censoredMs: c.censoredMs ?? [] }));
}
