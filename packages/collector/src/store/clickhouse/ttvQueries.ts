import type { TtvDurations, TtvQuery, TtvSubject } from '../queryTypes.js';
import type { ClickHouseExecutor } from './ClickHouseExecutor.js';
import { COHORT, EV, FACTS, LINKS, P, PEOPLE, SOURCES, SUBJECTS, SUBJECT_FILTER, baseParams, jtextSql } from './sqlParts.js';

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
 *
 * The same people and times as PEOPLE + `value` above, read in one pass: the pairs that
 * sent events (kind 0), identify calls (1), First Value Reached (2) and the project's
 * value event (3) are stacked and grouped once by person, where the composed form groups
 * three times and joins twice (ClickHouse re-plans and hashes each; about a third of this
 * query's CPU on 10M events, issue 16). ttvDurations.test.ts holds it to ttvSubjects.
 */
export function ttvDurations(x: ClickHouseExecutor, q: TtvQuery) {
  const none = (type: string) => `CAST(NULL AS Nullable(${type}))`;
  return x.query<TtvDurations>(
    `WITH ${EV},
     facts AS (
       SELECT coalesce(g.user_id, i.user_id, g.anonymous_id) AS person_id, toUInt8(0) AS kind, g.seen AS ts,
         ${none('Int64')} AS signed_up, ${none('Float64')} AS ttv_ms, ${none('String')} AS by_v, ${none('String')} AS where_v
       FROM ${SOURCES} AS g LEFT JOIN ${LINKS} AS i ON i.anonymous_id = g.anonymous_id
       WHERE coalesce(g.user_id, i.user_id) IS NOT NULL
       UNION ALL
       -- A trait is parsed only where it is read: identify calls, and only when asked (PEOPLE).
       SELECT person_id, toUInt8(if(type = 'identify', 1, 2)), ts, signed_up, ttv_ms,
         if(${P.by} IN ('signup_week', 'signup_month') OR type != 'identify', NULL, ${jtextSql('traits', P.by)}),
         if(${P.whereKey} = '' OR type != 'identify', NULL, ${jtextSql('traits', P.whereKey)})
       FROM ${FACTS} WHERE (type = 'identify' AND known_user_id IS NOT NULL) OR type = 'track'
       ${q.valueEvent ? `UNION ALL SELECT person_id, toUInt8(3), ts, ${none('Int64')}, ${none('Float64')}, ${none('String')}, ${none('String')} FROM ev WHERE type = 'track' AND event = ${P.valueEvent}` : ''}
     ),
     people AS (
       SELECT person_id, coalesce(minIf(signed_up, kind = 1), minIf(ts, kind = 0)) AS start_at,
         argMaxIf(by_v, ts, kind = 1 AND by_v IS NOT NULL) AS by_trait,
         argMaxIf(where_v, ts, kind = 1 AND where_v IS NOT NULL) AS where_trait,
         minIf(toNullable(ts), kind = 2) AS fvr_at, argMinIf(ttv_ms, ts, kind = 2) AS fvr_ttv,
         minIf(toNullable(ts), kind = 3) AS value_at
       FROM facts GROUP BY person_id HAVING countIf(kind = 0) > 0
     ),
     observed AS (
       SELECT ${COHORT} AS cohort, toFloat64(start_at) AS start_ms, toFloat64(coalesce(fvr_at, value_at)) AS value_ms,
         coalesce(value_ms <= toFloat64(${P.asOf}), false) AS reached,
         greatest(0, multiIf(
           NOT reached, toFloat64(${P.asOf}) - start_ms,
           fvr_at IS NOT NULL AND isFinite(coalesce(fvr_ttv, nan)) AND fvr_ttv >= 0, assumeNotNull(fvr_ttv),
           assumeNotNull(value_ms) - start_ms
         )) + 0 AS duration
       FROM people WHERE ${SUBJECT_FILTER}
     )
     SELECT cohort, groupArrayIf(duration, reached) AS reachedMs, groupArrayIf(duration, NOT reached) AS censoredMs
     FROM observed GROUP BY cohort ORDER BY cohort`,
    params(q),
  );
}
