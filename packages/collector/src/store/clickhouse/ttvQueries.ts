import type { TtvDurations, TtvQuery, TtvSubject } from '../queryTypes.js';
import type { ClickHouseExecutor } from './ClickHouseExecutor.js';
import { EV, FACTS, P, PEOPLE, SUBJECTS, baseParams } from './sqlParts.js';

/**
 * The TTV report's reads, twins of ../duckdb/ttvQueries.ts: who started when and reached
 * value when (ttvSubjects, one row per person), and the same people as the report uses
 * them (ttvDurations).
 */

/**
 * Subjects, and when each reached value: First Value Reached from the copy kept at ingest
 * (FACTS); the project's own value event (when it has one) from the events, where only
 * that name is read.
 */
const withValue = (q: TtvQuery) => `WITH ${EV}, ${PEOPLE}, ${SUBJECTS},
  value AS (
    SELECT person_id,
      minIf(toNullable(ts), fvr) AS fvr_at,
      argMinIf(ttv_ms, ts, fvr) AS fvr_ttv,
      minIf(toNullable(ts), NOT fvr) AS value_at
    FROM (
      SELECT person_id, ts, true AS fvr, ttv_ms FROM ${FACTS} WHERE type = 'track'
      ${q.valueEvent ? `UNION ALL SELECT person_id, ts, false, CAST(NULL AS Nullable(Float64)) FROM ev WHERE type = 'track' AND event = ${P.valueEvent}` : ''}
    )
    GROUP BY person_id
  )`;

const params = (q: TtvQuery) => ({ ...baseParams(q, q.by), valueEvent: q.valueEvent ?? '' });

export function ttvSubjects(x: ClickHouseExecutor, q: TtvQuery) {
  return x.query<TtvSubject>(
    `${withValue(q)}
     SELECT s.person_id AS personId, s.start_at AS startAt,
       coalesce(v.fvr_at, v.value_at) AS valueAt,
       if(v.fvr_at IS NOT NULL, v.fvr_ttv, NULL) AS reportedTtvMs,
       s.cohort AS cohort
     FROM subjects AS s LEFT JOIN value AS v ON v.person_id = s.person_id
     ORDER BY cohort, personId`,
    params(q),
  );
}

/**
 * Per cohort, the durations ttvReport.ts `observe` gives each person (see the DuckDB twin
 * for each step), as two arrays of numbers: no row per person crosses HTTP and JSON.
 * Float64 throughout, as JS computes; `+ 0` turns a -0 into 0, as Math.max does.
 */
export function ttvDurations(x: ClickHouseExecutor, q: TtvQuery) {
  return x.query<TtvDurations>(
    `${withValue(q)},
     observed AS (
       SELECT s.cohort AS cohort, toFloat64(s.start_at) AS start_ms, toFloat64(coalesce(v.fvr_at, v.value_at)) AS value_ms,
         coalesce(value_ms <= toFloat64(${P.asOf}), false) AS reached,
         greatest(0, multiIf(
           NOT reached, toFloat64(${P.asOf}) - start_ms,
           v.fvr_at IS NOT NULL AND isFinite(coalesce(v.fvr_ttv, nan)) AND v.fvr_ttv >= 0, assumeNotNull(v.fvr_ttv),
           assumeNotNull(value_ms) - start_ms
         )) + 0 AS duration
       FROM subjects AS s LEFT JOIN value AS v ON v.person_id = s.person_id
     )
     SELECT cohort, groupArrayIf(duration, reached) AS reachedMs, groupArrayIf(duration, NOT reached) AS censoredMs
     FROM observed GROUP BY cohort ORDER BY cohort`,
    params(q),
  );
}
