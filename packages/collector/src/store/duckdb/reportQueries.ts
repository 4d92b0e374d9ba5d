import type { DuckDBConnection } from '@duckdb/node-api';
import type {
  AccountInputs,
  AdoptionData,
  ChecklistRow,
  FrictionData,
  ReportQuery,
  ProjectSummary,
  VoiceAnswer,
  VoiceComment,
  WindowQuery,
  ExperimentExposure,
} from '../queryTypes.js';
import { EV, PEOPLE, RESOLVED, SUBJECTS, baseParams, ms, traitTime } from './sqlParts.js';
import { MAX_TIME_ISO, MIN_TIME_ISO } from '../timeRange.js';

type Params = Record<string, string | number | null>;

/** Runs a query and returns plain row objects (BIGINT → number, NULL → null). */
export async function rows<T>(conn: DuckDBConnection, sql: string, params: Params = {}): Promise<T[]> {
  // Named parameters not used by the statement are an error in DuckDB: pass only used ones.
  const used: Params = {};
  for (const [k, v] of Object.entries(params)) if (new RegExp(`\\$${k}\\b`).test(sql)) used[k] = v;
  const reader = await conn.runAndReadAll(sql, used as never);
  // Column by column: a third cheaper than row objects on the TTV report's 200k people
  // (issue 16), the same JS values.
  const names = reader.columnNames();
  const columns = reader.getColumnsJS();
  const out: T[] = new Array(reader.currentRowCount);
  for (let i = 0; i < out.length; i++) {
    const o: Record<string, unknown> = {};
    for (let c = 0; c < names.length; c++) {
      const v = columns[c]![i];
      o[names[c]!] = typeof v == 'bigint' ? Number(v) : v;
    }
    out[i] = o as T;
  }
  return out;
}

export function checklistRows(conn: DuckDBConnection, q: ReportQuery) {
  return rows<ChecklistRow>(
    conn,
    `WITH ${EV}, ${PEOPLE}, ${SUBJECTS},
     cev AS (
       SELECT e.person_id, e.event, e.ts, (e.properties->>'checklist') AS checklist, (e.properties->>'item') AS item,
              try_cast((e.properties->>'duration_ms') AS DOUBLE) AS duration_ms
       FROM ev e JOIN subjects USING (person_id)
       WHERE e.type = 'track' AND e.event LIKE 'Checklist %' AND (e.properties->>'checklist') IS NOT NULL
     ),
     shown AS (SELECT checklist, person_id, min(ts) AS shown_at FROM cev WHERE event = 'Checklist Shown' GROUP BY ALL),
     items AS (
       SELECT checklist, item, person_id, min(ts) AS done_at FROM cev
       WHERE event = 'Checklist Item Completed' AND item IS NOT NULL GROUP BY ALL
     ),
     done AS (
       SELECT checklist, person_id, min(ts) AS done_at, arg_min(duration_ms, ts) AS duration_ms
       FROM cev WHERE event = 'Checklist Completed' GROUP BY ALL
     ),
     dismissed AS (SELECT checklist, count(DISTINCT person_id) AS n FROM cev WHERE event = 'Checklist Dismissed' GROUP BY ALL),
     shown_n AS (SELECT checklist, count(*) AS n FROM shown GROUP BY ALL)
     SELECT i.checklist, i.item, coalesce(any_value(sn.n), 0) AS shown, count(*) AS "completedUsers",
       median(${ms('i.done_at')} - ${ms('s.shown_at')}) FILTER (WHERE s.shown_at <= i.done_at) AS "medianMs",
       coalesce(any_value(d.n), 0) AS dismissed, NULL AS "medianDurationMs"
     FROM items i LEFT JOIN shown s USING (checklist, person_id)
       LEFT JOIN shown_n sn USING (checklist) LEFT JOIN dismissed d USING (checklist)
     GROUP BY i.checklist, i.item
     UNION ALL
     SELECT c.checklist, NULL, coalesce(any_value(sn.n), 0), count(dn.person_id),
       median(${ms('dn.done_at')} - ${ms('s.shown_at')}) FILTER (WHERE s.shown_at <= dn.done_at),
       coalesce(any_value(d.n), 0), median(dn.duration_ms)
     FROM (SELECT DISTINCT checklist FROM cev) c
       LEFT JOIN done dn USING (checklist) LEFT JOIN shown s ON s.checklist = c.checklist AND s.person_id = dn.person_id
       LEFT JOIN shown_n sn ON sn.checklist = c.checklist LEFT JOIN dismissed d ON d.checklist = c.checklist
     GROUP BY c.checklist
     ORDER BY 1, 2 NULLS FIRST`,
    baseParams(q),
  );
}

export function voiceAnswers(conn: DuckDBConnection, q: ReportQuery & { by: string }) {
  return rows<VoiceAnswer>(
    conn,
    `WITH ${EV}, ${PEOPLE}, ${SUBJECTS}
     SELECT (e.properties->>'survey') AS survey, (e.properties->>'kind') AS kind,
       try_cast((e.properties->>'score') AS DOUBLE) AS score, s.cohort,
       strftime(date_trunc('week', e.ts), '%Y-%m-%d') AS week, e.person_id AS "personId"
     FROM ev e JOIN subjects s USING (person_id)
     WHERE e.type = 'track' AND e.event = 'Survey Answered'
       AND (e.properties->>'kind') IN ('nps', 'csat', 'ces')
       AND try_cast((e.properties->>'score') AS DOUBLE) IS NOT NULL
     -- Fully ordered: the report lists cohorts in the order they first appear.
     ORDER BY week, survey, s.cohort, "personId", kind, score`,
    baseParams(q, q.by),
  );
}

export function voiceComments(conn: DuckDBConnection, q: ReportQuery, limit: number) {
  return rows<VoiceComment>(
    conn,
    `WITH ${EV}, ${PEOPLE}, ${SUBJECTS}
     SELECT (e.properties->>'survey') AS survey, (e.properties->>'comment') AS comment,
       e.person_id AS "personId", ${ms('e.ts')} AS at
     FROM ev e JOIN subjects USING (person_id)
     WHERE e.type = 'track' AND e.event = 'Survey Comment' AND coalesce((e.properties->>'comment'), '') <> ''
     ORDER BY e.ts DESC, "personId", survey, comment LIMIT ${Math.max(1, Math.floor(limit))}`,
    baseParams(q),
  );
}

export async function frictionData(conn: DuckDBConnection, q: ReportQuery): Promise<FrictionData> {
  // Friction is about everyone, signed in or not: start from all events, not subjects.
  const p = { project: q.projectId, asOf: q.asOf, from: q.from ?? null, to: q.to ?? null };
  const win = `project_id = $project AND ts <= epoch_ms($asOf::BIGINT)
    AND ($from IS NULL OR ts >= epoch_ms($from::BIGINT)) AND ($to IS NULL OR ts < epoch_ms($to::BIGINT)) AND type = 'track'`;
  const page = `coalesce(properties->>'page', page_path, '(unknown)')`;
  const clicks = await rows<FrictionData['clicks'][number]>(
    conn,
    `SELECT lower(split_part(event, ' ', 1)) AS kind, ${page} AS page,
       coalesce(properties->>'selector', '(unknown)') AS selector, count(*) AS count, count(DISTINCT person_id) AS users
     FROM ${RESOLVED} WHERE ${win} AND event IN ('Rage Click', 'Dead Click', 'Error Click')
     GROUP BY ALL ORDER BY count DESC, kind, page, selector LIMIT 200`,
    p,
  );
  const flows = await rows<FrictionData['flows'][number]>(
    conn,
    `SELECT coalesce(properties->>'flow', '(unnamed)') AS flow, coalesce(properties->>'last_step', '(unknown)') AS "lastStep",
       coalesce(properties->>'reason', '(unknown)') AS reason, count(*) AS count, count(DISTINCT person_id) AS users
     FROM ${RESOLVED} WHERE ${win} AND event = 'Flow Abandoned'
     GROUP BY ALL ORDER BY count DESC, flow, "lastStep", reason LIMIT 200`,
    p,
  );
  const forms = await rows<FrictionData['forms'][number]>(
    conn,
    `SELECT ${page} AS page, coalesce((properties->>'form'), '(unnamed)') AS form,
       coalesce((properties->>'last_field'), '(unknown)') AS "lastField", count(*) AS count, count(DISTINCT person_id) AS users
     FROM ${RESOLVED} WHERE ${win} AND event = 'Form Abandoned'
     GROUP BY ALL ORDER BY count DESC, page, form, "lastField" LIMIT 200`,
    p,
  );
  const vitals = await rows<FrictionData['vitals'][number]>(
    conn,
    `SELECT ${page} AS page, (properties->>'name') AS name,
       quantile_cont(try_cast(properties->>'value' AS DOUBLE), 0.75) AS p75, count(*) AS samples
     FROM ${RESOLVED} WHERE ${win} AND event = 'Web Vital' AND try_cast(properties->>'value' AS DOUBLE) IS NOT NULL
     GROUP BY ALL ORDER BY name, p75 DESC, page LIMIT 500`,
    p,
  );
  return { clicks, flows, forms, vitals };
}

/** The health and adoption window: the `windowDays` days up to and including `asOf`. */
const IN_WINDOW = (ts: string) =>
  `${ts} <= epoch_ms($asOf::BIGINT) AND ${ts} > epoch_ms($asOf::BIGINT) - to_days($windowDays::INTEGER)`;

/** Each person's account: the latest group they were seen in, ever (not only in the window). */
const ACCOUNTS = `accounts AS (
  SELECT person_id, arg_max(group_id, ts) AS account_id FROM ${RESOLVED}
  WHERE project_id = $project AND group_id IS NOT NULL AND ts <= epoch_ms($asOf::BIGINT) GROUP BY person_id
)`;

export async function adoptionData(conn: DuckDBConnection, q: WindowQuery): Promise<AdoptionData> {
  const p = { project: q.projectId, asOf: q.asOf, windowDays: q.windowDays };
  const [active] = await rows<{ users: number; accounts: number }>(
    conn,
    `WITH ${ACCOUNTS}
     SELECT count(DISTINCT e.person_id) AS users, count(DISTINCT a.account_id) AS accounts
     FROM ${RESOLVED} e LEFT JOIN accounts a USING (person_id)
     WHERE e.project_id = $project AND ${IN_WINDOW('e.ts')}`,
    p,
  );
  const features = await rows<AdoptionData['features'][number]>(
    conn,
    `WITH ${ACCOUNTS}
     SELECT (e.properties->>'feature') AS feature, count(DISTINCT e.person_id) AS users, count(DISTINCT a.account_id) AS accounts
     FROM ${RESOLVED} e LEFT JOIN accounts a USING (person_id)
     WHERE e.project_id = $project AND ${IN_WINDOW('e.ts')}
       AND e.type = 'track' AND e.event = 'Feature Used' AND (e.properties->>'feature') IS NOT NULL
     GROUP BY ALL ORDER BY users DESC, feature`,
    p,
  );
  return { activeUsers: active?.users ?? 0, activeAccounts: active?.accounts ?? 0, features };
}

export function accountInputs(conn: DuckDBConnection, q: WindowQuery & { valueEvent?: string }) {
  return rows<AccountInputs>(
    conn,
    // Each measure reads only the events it needs (value events, answers, the window);
    // per-day counts are pre-aggregated per person so distinct counts stay small.
    `WITH ${ACCOUNTS},
     members AS (SELECT account_id, count(*) AS users FROM accounts GROUP BY account_id),
     acct_events AS (
       SELECT e.person_id, e.ts, e.type, e.event, e.properties, a.account_id
       FROM ${RESOLVED} e JOIN accounts a USING (person_id)
       WHERE e.project_id = $project AND e.ts <= epoch_ms($asOf::BIGINT)
     ),
     reached AS (
       SELECT account_id, count(DISTINCT person_id) AS n FROM acct_events
       WHERE type = 'track' AND (event = 'First Value Reached' OR event = $valueEvent) GROUP BY account_id
     ),
     sentiment AS (
       SELECT account_id, avg(CASE (properties->>'kind')
           WHEN 'nps' THEN try_cast(properties->>'score' AS DOUBLE) / 10
           WHEN 'csat' THEN (try_cast(properties->>'score' AS DOUBLE) - 1) / 4
           WHEN 'ces' THEN (try_cast(properties->>'score' AS DOUBLE) - 1) / 6 END) AS s
       FROM acct_events WHERE type = 'track' AND event = 'Survey Answered' GROUP BY account_id
     ),
     win AS (SELECT * FROM acct_events WHERE ${IN_WINDOW('ts')}),
     person_days AS (
       SELECT account_id, person_id, ts::DATE AS day,
         count(*) FILTER (WHERE type = 'track' AND event IN ('Rage Click', 'Dead Click', 'Error Click', 'Flow Abandoned')) AS friction
       FROM win GROUP BY ALL
     ),
     w AS (
       SELECT account_id, count(DISTINCT day) AS active_days, count(*) AS user_days, sum(friction) AS friction
       FROM person_days GROUP BY account_id
     ),
     used AS (
       SELECT account_id, (properties->>'feature') AS feature FROM win
       WHERE type = 'track' AND event = 'Feature Used' AND (properties->>'feature') IS NOT NULL GROUP BY ALL
     ),
     features AS (SELECT account_id, count(*) AS n FROM used GROUP BY account_id),
     total AS (SELECT count(DISTINCT feature) AS n FROM used)
     SELECT m.account_id AS "accountId", m.users, coalesce(w.active_days, 0) AS "activeDays",
       coalesce(f.n, 0) AS "featuresUsed", (SELECT n FROM total) AS "totalFeatures",
       coalesce(r.n, 0) AS "usersReachedValue", CASE WHEN s.s IS NOT NULL THEN greatest(0, least(1, s.s)) END AS sentiment,
       coalesce(w.friction, 0) AS "frictionEvents", coalesce(w.user_days, 0) AS "activeUserDays"
     FROM members m LEFT JOIN w USING (account_id) LEFT JOIN features f USING (account_id)
       LEFT JOIN reached r USING (account_id) LEFT JOIN sentiment s USING (account_id)
     ORDER BY "accountId"`,
    { project: q.projectId, asOf: q.asOf, windowDays: q.windowDays, valueEvent: q.valueEvent ?? '' },
  );
}

/**
 * What the dashboard shows about a project, in one scan: its events, how many are
 * synthetic demo data (ids "demo-…"), and how many stored times the reports ignore
 * (docs/collector.md#time-range): events whose time as sent was outside 1970–2100 (ingest
 * stored the receive time instead; rows stored before that check count too), and
 * `created_at` / `signed_up_at` traits given but not usable as a time in that range (the
 * person then starts when first seen).
 */
export async function projectSummary(conn: DuckDBConnection, projectId: string): Promise<ProjectSummary> {
  const bad = (col: string) => `NOT (${col} >= TIMESTAMP '${MIN_TIME_ISO}' AND ${col} < TIMESTAMP '${MAX_TIME_ISO}')`;
  const ignored = (name: string) => `(coalesce(json_type(traits, '$."${name}"') <> 'NULL', false) AND ${traitTime(name)} IS NULL)::INTEGER`;
  const [r] = await rows<{ events: number; syntheticEvents: number; eventTimes: number; traitTimes: number | null }>(
    conn,
    `SELECT count(*) AS events, count(*) FILTER (WHERE message_id LIKE 'demo-%') AS "syntheticEvents",
       count(*) FILTER (WHERE ${bad('original_ts')} OR ${bad('ts')}) AS "eventTimes",
       -- Traits are parsed on identify rows only (a small share), not on every event.
       (SELECT sum(${ignored('created_at')} + ${ignored('signed_up_at')}) FROM events
        WHERE project_id = $project AND type = 'identify' AND traits IS NOT NULL) AS "traitTimes"
     FROM events WHERE project_id = $project`,
    { project: projectId },
  );
  return {
    events: r?.events ?? 0,
    syntheticEvents: r?.syntheticEvents ?? 0,
    timesOutOfRange: { eventTimes: r?.eventTimes ?? 0, traitTimes: Number(r?.traitTimes ?? 0) },
  };
}

export function experimentExposures(conn: DuckDBConnection, q: Pick<ReportQuery, 'projectId' | 'asOf'>) {
  return rows<ExperimentExposure>(
    conn,
    // Per person (resolved through identify links), the first exposure decides the arm, as
    // in an intention-to-treat analysis; a later different variant is counted, not used.
    `WITH ${EV},
     exposed AS (
       SELECT (properties->>'experiment') AS experiment, person_id, min(ts) AS exposed_at,
         arg_min((properties->>'variant'), ts) AS variant, count(DISTINCT (properties->>'variant')) AS variants
       FROM ev WHERE type = 'track' AND event = 'Experiment Exposed'
         AND (properties->>'experiment') IS NOT NULL AND (properties->>'variant') IS NOT NULL
       GROUP BY ALL
     ),
     completed AS (SELECT person_id, ts FROM ev WHERE type = 'track' AND event = 'Checklist Completed')
     SELECT x.experiment, x.variant, x.person_id AS "personId", ${ms('x.exposed_at')} AS "exposedAt", x.variants,
       ${ms('min(c.ts)')} AS "checklistCompletedAt"
     FROM exposed x LEFT JOIN completed c ON c.person_id = x.person_id AND c.ts >= x.exposed_at
     GROUP BY x.experiment, x.variant, x.person_id, x.exposed_at, x.variants
     ORDER BY x.experiment, x.variant, x.person_id`,
    { project: q.projectId, asOf: q.asOf },
  );
}
