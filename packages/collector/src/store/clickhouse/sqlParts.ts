import type { ReportQuery } from '../queryTypes.js';
import { MAX_TIME_MS, MIN_TIME_MS } from '../timeRange.js';
import type { ChParams } from './ClickHouseExecutor.js';

/**
 * ClickHouse SQL shared by the report queries, the twin of ../duckdb/sqlParts.ts: the
 * same meaning, written for ClickHouse. Times are Int64 epoch ms. Parameters are bound by
 * the server: {project}, {asOf}, {from}, {to}, {whereKey}, {whereValue}, {by}.
 *
 * Three ClickHouse habits the text below works around, each of which would change a number:
 * - aggregates over no rows give the type's default (0, '') unless the argument is
 *   Nullable: `toNullable` wherever DuckDB would answer NULL;
 * - `if` / `multiIf` evaluate every branch: conversions are guarded inside the branch too;
 * - `least(x, NULL)` is NULL on older servers: written with coalesce.
 */
export const P = {
  project: '{project:String}',
  asOf: '{asOf:Int64}',
  from: '{from:Nullable(Int64)}',
  to: '{to:Nullable(Int64)}',
  whereKey: '{whereKey:String}',
  whereValue: '{whereValue:String}',
  by: '{by:String}',
  valueEvent: '{valueEvent:String}',
  windowDays: '{windowDays:Int64}',
} as const;

/** A SQL string literal (for fixed keys and event names written in this code, not user input). */
const lit = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * DuckDB's `json->>key`: a string value unquoted, a number / boolean / object / array as
 * its JSON text, NULL when absent or JSON null. `key` is SQL (a literal or a parameter).
 */
export const jtextSql = (col: string, key: string) => `JSONExtract(${col}, ${key}, 'Nullable(String)')`;
export const jtext = (col: string, key: string) => jtextSql(col, lit(key));

/** DuckDB's try_cast(… AS DOUBLE) of a JSON value (surrounding spaces allowed, as there). */
export const jnum = (col: string, key: string) => `toFloat64OrNull(trimBoth(${jtext(col, key)}))`;

/**
 * The ISO shapes DuckDB's TIMESTAMPTZ cast takes (date, optional time, optional Z / UTC /
 * ±hh[:mm] offset). ClickHouse's best-effort parser alone would also read "Jan 5 2026" or
 * "20260105", which DuckDB refuses: the two stores must agree on which traits are times.
 */
const ISO_TIME = `'^\\d{4}-\\d{1,2}-\\d{1,2}([T ]\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d+)?)?)?\\s*(Z|UTC|[+-]\\d{2}(:?\\d{2})?)?$'`;

/**
 * SELECT-list items parsing trait `name` as a time in epoch ms, ending in the column
 * `${p}_time`: NULL when it is none or outside 1970–2100. A number is epoch ms, or epoch
 * seconds below 1e11 (see ../duckdb/sqlParts.ts for why the two cannot be confused), rounded
 * half to even as DuckDB's cast; else an ISO string with any offset. Written as a chain of
 * aliases, each step once: spelled out inline the expression grows with every use of the
 * number, and ClickHouse's planner spent seconds on the resulting tree.
 */
export const traitTimeColumns = (name: string, p: string) =>
  [
    `${jtext('traits', name)} AS ${p}_s`,
    `toFloat64OrNull(trimBoth(${p}_s)) AS ${p}_n`,
    `if(abs(${p}_n) < 1e11, ${p}_n * 1000, ${p}_n) AS ${p}_ms`,
    `(${p}_ms >= ${MIN_TIME_MS} AND ${p}_ms < ${MAX_TIME_MS}) AS ${p}_ok`,
    `toUnixTimestamp64Milli(parseDateTime64BestEffortOrNull(if(match(coalesce(${p}_s, ''), ${ISO_TIME}), ${p}_s, NULL), 3, 'UTC')) AS ${p}_iso`,
    `coalesce(if(${p}_ok, toInt64(round(if(${p}_ok, ${p}_ms, 0))), NULL), if(${p}_iso >= ${MIN_TIME_MS} AND ${p}_iso < ${MAX_TIME_MS}, ${p}_iso, NULL)) AS ${p}_time`,
  ].join(',\n      ');

/** An event's time as reports read it: a stored time outside 1970–2100 gives way to the receive time. */
export const EVENT_TS = `if(event_time >= ${MIN_TIME_MS} AND event_time < ${MAX_TIME_MS}, event_time, received_at)`;

/** The project's identity links, one per anonymous id. */
export const LINKS = `(SELECT anonymous_id, user_id FROM identities FINAL WHERE project_id = ${P.project})`;

/**
 * The project's events, de-duplicated (FINAL), each with its person: the user id, else the
 * user an identify() linked its anonymous id to, else the anonymous id. `ts` is EVENT_TS.
 */
export const RESOLVED = `(
  SELECT e.project_id AS project_id, e.message_id AS message_id, e.type AS type, e.event AS event,
    e.anonymous_id AS anonymous_id, e.user_id AS user_id, e.group_id AS group_id,
    ${EVENT_TS.replace(/event_time|received_at/g, (c) => `e.${c}`)} AS ts, e.original_time AS original_ts,
    e.received_at AS received_at, e.session_id AS session_id, e.page_path AS page_path,
    e.properties AS properties, e.traits AS traits, e.context AS context,
    coalesce(e.user_id, i.user_id, e.anonymous_id) AS person_id, coalesce(e.user_id, i.user_id) AS known_user_id
  FROM events AS e FINAL
  LEFT JOIN ${LINKS} AS i ON i.anonymous_id = e.anonymous_id
  WHERE e.project_id = ${P.project}
)`;

/** The project's events up to the report's "now". */
export const EV = `ev AS (SELECT * FROM ${RESOLVED} WHERE ts <= ${P.asOf})`;

/** Day number (UTC) of an epoch-ms time; reports only read times from 1970 on. */
export const dayOf = (ms: string) => `intDiv(${ms}, 86400000)`;
/**
 * YYYY-MM-DD of the Monday of the week of `ms`, from day numbers (1970-01-01 was a
 * Thursday): toMonday() clamps the first days of 1970 to 1970-01-01, DuckDB says 1969-12-29.
 */
export const mondayOf = (ms: string) =>
  `formatDateTime(addDays(toDate32('1970-01-01'), toInt32(${dayOf(ms)} - (${dayOf(ms)} + 3) % 7)), '%Y-%m-%d')`;
const monthOf = (ms: string) => `formatDateTime(addDays(toDate32('1970-01-01'), toInt32(${dayOf(ms)})), '%Y-%m')`;

/**
 * The pairs that sent events by `asOf` with their first-seen time, from the summary kept
 * at ingest (eventSources.ts), '' as NULL again. FINAL folds rows not merged yet with the
 * table's own `min`, as merges would: a GROUP BY of the 200,000 pairs to do the same cost
 * twice as much on 10M events, merged or not (issue 16). A pair's earliest time is at or
 * before $asOf exactly when it sent an event by then.
 */
export const SOURCES = `(
  SELECT nullIf(anonymous_id, '') AS anonymous_id, nullIf(user_id, '') AS user_id, first_seen AS seen
  FROM event_sources FINAL WHERE project_id = ${P.project} AND first_seen <= ${P.asOf}
)`;

/**
 * The project's identify() calls and First Value Reached up to the report's "now", from
 * the copy kept at ingest (personFacts.ts), de-duplicated (FINAL) and each with its person,
 * as RESOLVED resolves them.
 */
export const FACTS = `(
  SELECT c.type AS type, c.ts AS ts, c.signed_up AS signed_up, c.ttv_ms AS ttv_ms, c.traits AS traits,
    coalesce(c.user_id, i.user_id, c.anonymous_id) AS person_id, coalesce(c.user_id, i.user_id) AS known_user_id
  FROM person_facts AS c FINAL
  LEFT JOIN ${LINKS} AS i ON i.anonymous_id = c.anonymous_id
  WHERE c.project_id = ${P.project} AND c.ts <= ${P.asOf}
)`;

/**
 * One row per identified person: when they started (signup trait, else first seen) and the
 * latest value of the `by` and `whereKey` traits. Both halves read the summaries kept at
 * ingest, not the events (issue 16: the TTV report on 10M events).
 */
export const PEOPLE = `people AS (
  SELECT f.person_id AS person_id, coalesce(t.signed_up, f.first_seen) AS start_at, t.by_trait AS by_trait, t.where_trait AS where_trait
  FROM (
    SELECT coalesce(g.user_id, i.user_id, g.anonymous_id) AS person_id, min(g.seen) AS first_seen
    FROM ${SOURCES} AS g
    LEFT JOIN ${LINKS} AS i ON i.anonymous_id = g.anonymous_id
    WHERE coalesce(g.user_id, i.user_id) IS NOT NULL
    GROUP BY person_id
  ) AS f
  LEFT JOIN (
    SELECT person_id, min(signed_up) AS signed_up,
      argMaxIf(by_v, ts, by_v IS NOT NULL) AS by_trait,
      argMaxIf(where_v, ts, where_v IS NOT NULL) AS where_trait
    FROM (
      -- A trait is parsed only when the report asks for it (a constant condition, folded
      -- before the scan): cohorts by signup week, unfiltered, parse no traits at all.
      SELECT person_id, ts, signed_up,
        if(${P.by} IN ('signup_week', 'signup_month'), NULL, ${jtextSql('traits', P.by)}) AS by_v,
        if(${P.whereKey} = '', NULL, ${jtextSql('traits', P.whereKey)}) AS where_v
      FROM ${FACTS} WHERE type = 'identify' AND known_user_id IS NOT NULL
    )
    GROUP BY person_id
  ) AS t ON t.person_id = f.person_id
)`;

/** A person's cohort label, from `start_at` and `by_trait`. */
export const COHORT = `multiIf(${P.by} = 'signup_week', ${mondayOf('start_at')}, ${P.by} = 'signup_month', ${monthOf('start_at')}, coalesce(by_trait, '(none)'))`;

/** The report's filters on a person (`start_at`, `where_trait`). */
export const SUBJECT_FILTER = `(${P.from} IS NULL OR start_at >= ${P.from})
    AND (${P.to} IS NULL OR start_at < ${P.to})
    AND (${P.whereKey} = '' OR where_trait = ${P.whereValue})`;

/** People kept by the report's filters, with their cohort label. */
export const SUBJECTS = `subjects AS (
  SELECT person_id, start_at, by_trait, where_trait, ${COHORT} AS cohort
  FROM people
  WHERE ${SUBJECT_FILTER}
)`;

export function baseParams(q: ReportQuery, by = 'signup_week'): ChParams {
  return {
    project: q.projectId,
    asOf: Math.round(q.asOf),
    from: q.from == null ? null : Math.round(q.from),
    to: q.to == null ? null : Math.round(q.to),
    whereKey: q.where?.[0] ?? '',
    whereValue: q.where?.[1] ?? '',
    by,
  };
}
