import type {
  AccountInputs,
  ExperimentExposure,
  AdoptionData,
  ChecklistRow,
  ProjectSummary,
  ReportQuery,
  VoiceAnswer,
  VoiceComment,
  WindowQuery,
} from '../queryTypes.js';
import { MAX_TIME_MS, MIN_TIME_MS } from '../timeRange.js';
import type { ClickHouseExecutor } from './ClickHouseExecutor.js';
import { EV, P, PEOPLE, RESOLVED, SUBJECTS, baseParams, dayOf, jnum, jtext, mondayOf, traitTimeColumns } from './sqlParts.js';

/**
 * The reports' reads in ClickHouse SQL, one function per Store method, each giving what
 * its DuckDB twin (../duckdb/reportQueries.ts) gives on the same data: the parity test
 * (tests/integration/collector/storeParity.test.ts) compares every report's JSON.
 */

type X = ClickHouseExecutor;
/** A median or percentile as DuckDB's median / quantile_cont: linear between ranks; NULL over no rows. */
const quantile = (level: number, x: string, cond = '1') => `quantileExactInclusiveIf(${level})(toNullable(toFloat64(${x})), ${cond})`;

export function checklistRows(x: X, q: ReportQuery) {
  // One pass over the checklist events, one row per (checklist, person) with the items done
  // as a map, then both kinds of output row from it. (The DuckDB text joins five views of
  // the same events; ClickHouse inlines a CTE at every use, so that shape costs it seconds.)
  const shownToDone = (done: string) => quantile(0.5, `${done} - shown_at`, `shown_at <= ${done}`);
  return x.query<ChecklistRow>(
    `WITH ${EV}, ${PEOPLE}, ${SUBJECTS},
     per AS (
       SELECT checklist, person_id,
         minIf(toNullable(ts), event = 'Checklist Shown') AS shown_at,
         minIf(toNullable(ts), event = 'Checklist Completed') AS done_at,
         argMinIf(duration_ms, ts, event = 'Checklist Completed') AS duration_ms,
         countIf(event = 'Checklist Dismissed') > 0 AS dismissed,
         minMapIf([assumeNotNull(item)], [ts], event = 'Checklist Item Completed' AND item IS NOT NULL) AS items
       FROM (
         SELECT e.person_id AS person_id, e.event AS event, e.ts AS ts, ${jtext('e.properties', 'checklist')} AS checklist,
           ${jtext('e.properties', 'item')} AS item, ${jnum('e.properties', 'duration_ms')} AS duration_ms
         FROM ev AS e WHERE e.type = 'track' AND startsWith(e.event, 'Checklist ') AND e.person_id IN (SELECT person_id FROM subjects)
       )
       WHERE checklist IS NOT NULL
       GROUP BY checklist, person_id
     ),
     counted AS (
       SELECT *, countIf(shown_at IS NOT NULL) OVER w AS shown_n, countIf(dismissed) OVER w AS dismissed_n
       FROM per WINDOW w AS (PARTITION BY checklist)
     )
     SELECT * FROM (
       SELECT checklist, toNullable(item) AS item, any(shown_n) AS shown, count() AS completedUsers,
         ${shownToDone('item_done')} AS medianMs, any(dismissed_n) AS dismissed, CAST(NULL AS Nullable(Float64)) AS medianDurationMs
       FROM counted ARRAY JOIN items.1 AS item, items.2 AS item_done
       GROUP BY checklist, item
       UNION ALL
       SELECT checklist, CAST(NULL AS Nullable(String)), any(shown_n), countIf(done_at IS NOT NULL),
         ${shownToDone('done_at')}, any(dismissed_n), ${quantile(0.5, 'duration_ms', 'done_at IS NOT NULL')}
       FROM counted GROUP BY checklist
     )
     ORDER BY checklist, item NULLS FIRST`,
    baseParams(q),
  );
}

export function voiceAnswers(x: X, q: ReportQuery & { by: string }) {
  return x.query<VoiceAnswer>(
    `WITH ${EV}, ${PEOPLE}, ${SUBJECTS}
     SELECT ${jtext('e.properties', 'survey')} AS survey, ${jtext('e.properties', 'kind')} AS kind,
       ${jnum('e.properties', 'score')} AS score, s.cohort AS cohort,
       ${mondayOf('e.ts')} AS week, e.person_id AS personId
     FROM ev AS e INNER JOIN subjects AS s ON s.person_id = e.person_id
     WHERE e.type = 'track' AND e.event = 'Survey Answered'
       AND ${jtext('e.properties', 'kind')} IN ('nps', 'csat', 'ces')
       AND ${jnum('e.properties', 'score')} IS NOT NULL
     ORDER BY week, survey, cohort, personId, kind, score`,
    baseParams(q, q.by),
  );
}

export function voiceComments(x: X, q: ReportQuery, limit: number) {
  return x.query<VoiceComment>(
    `WITH ${EV}, ${PEOPLE}, ${SUBJECTS}
     SELECT ${jtext('e.properties', 'survey')} AS survey, ${jtext('e.properties', 'comment')} AS comment,
       e.person_id AS personId, e.ts AS at
     FROM ev AS e WHERE e.person_id IN (SELECT person_id FROM subjects)
       AND e.type = 'track' AND e.event = 'Survey Comment' AND coalesce(${jtext('e.properties', 'comment')}, '') <> ''
     ORDER BY e.ts DESC, personId, survey, comment LIMIT ${Math.max(1, Math.floor(limit))}`,
    baseParams(q),
  );
}

/** The health and adoption window: the `windowDays` days up to and including `asOf`. */
const IN_WINDOW = (ts: string) => `${ts} <= ${P.asOf} AND ${ts} > ${P.asOf} - ${P.windowDays} * 86400000`;

/** Each person's account: the latest group they were seen in, ever (not only in the window). */
const ACCOUNTS = `accounts AS (
  SELECT person_id, argMax(assumeNotNull(group_id), ts) AS account_id FROM ${RESOLVED}
  WHERE group_id IS NOT NULL AND ts <= ${P.asOf} GROUP BY person_id
)`;

export async function adoptionData(x: X, q: WindowQuery): Promise<AdoptionData> {
  // Both of DuckDB's queries (active people and accounts; the same per feature) in one pass:
  // the grouping set () is the whole window, (feature) each feature. Two queries here would
  // each read and de-duplicate the events twice (accounts, then the window).
  const rows = await x.query<{ total: number; feature: string | null; users: number; accounts: number }>(
    `WITH ${ACCOUNTS}
     SELECT grouping(feature) AS total, feature, uniqExact(person_id) AS users, uniqExact(account_id) AS accounts
     FROM (
       SELECT e.person_id AS person_id, a.account_id AS account_id,
         if(e.type = 'track' AND e.event = 'Feature Used', ${jtext('e.properties', 'feature')}, NULL) AS feature
       FROM ${RESOLVED} AS e LEFT JOIN accounts AS a ON a.person_id = e.person_id
       WHERE ${IN_WINDOW('e.ts')}
     )
     GROUP BY GROUPING SETS ((), (feature))
     ORDER BY users DESC, feature`,
    { project: q.projectId, asOf: Math.round(q.asOf), windowDays: q.windowDays },
  );
  const all = rows.find((r) => r.total == 1);
  const features = rows.filter((r) => r.total == 0 && r.feature != null).map(({ feature, users, accounts }) => ({ feature: feature!, users, accounts }));
  return { activeUsers: all?.users ?? 0, activeAccounts: all?.accounts ?? 0, features };
}

export function accountInputs(x: X, q: WindowQuery & { valueEvent?: string }) {
  const score = jnum('e.properties', 'score');
  const kind = jtext('e.properties', 'kind');
  const feature = jtext('e.properties', 'feature');
  const inWindow = IN_WINDOW('e.ts');
  return x.query<AccountInputs>(
    // One pass over the accounts' events, one row per (account, person), then per account:
    // the same measures as the DuckDB text, which reads its event view five times (a
    // ClickHouse CTE is re-planned at every use).
    `WITH ${ACCOUNTS},
     per_person AS (
       SELECT account_id, person_id,
         countIf(type = 'track' AND (event = 'First Value Reached' OR event = ${P.valueEvent})) > 0 AS reached,
         sumIf(assumeNotNull(answer), answered) AS answer_sum, countIf(answered) AS answers,
         groupUniqArrayIf(day, in_window) AS days,
         countIf(in_window AND type = 'track' AND event IN ('Rage Click', 'Dead Click', 'Error Click', 'Flow Abandoned')) AS friction,
         groupUniqArrayIf(assumeNotNull(feature), in_window AND type = 'track' AND event = 'Feature Used' AND feature IS NOT NULL) AS features
       FROM (
         SELECT a.account_id AS account_id, e.person_id AS person_id, e.type AS type, e.event AS event,
           -- Properties parsed once per row, and only on the events that carry them: parsing
           -- kind, score and feature on every event cost 5 of health's 5.4 CPU-s on 1M events.
           e.type = 'track' AND e.event = 'Survey Answered' AS is_answer,
           if(is_answer, ${kind}, NULL) AS kind_v, if(is_answer, ${score}, NULL) AS score_v,
           multiIf(kind_v = 'nps', score_v / 10, kind_v = 'csat', (score_v - 1) / 4, kind_v = 'ces', (score_v - 1) / 6, NULL) AS answer,
           is_answer AND answer IS NOT NULL AS answered,
           ${inWindow} AS in_window, ${dayOf('e.ts')} AS day,
           if(e.type = 'track' AND e.event = 'Feature Used', ${feature}, NULL) AS feature
         FROM ${RESOLVED} AS e INNER JOIN accounts AS a ON a.person_id = e.person_id
         WHERE e.ts <= ${P.asOf}
       )
       GROUP BY account_id, person_id
     ),
     per_account AS (
       SELECT account_id, count() AS users, length(groupUniqArrayArray(days)) AS active_days, sum(length(days)) AS user_days,
         sum(friction) AS friction, groupUniqArrayArray(features) AS used, countIf(reached) AS reached,
         if(sum(answers) > 0, sum(answer_sum) / sum(answers), NULL) AS s
       FROM per_person GROUP BY account_id
     )
     -- The project's distinct features, as a running union (one small array): collecting
     -- every account's list per row instead (arrayFlatten(groupArray(used) OVER ())) is
     -- quadratic in accounts, 3 of health's 3.5 CPU-s on 4,000 accounts.
     SELECT account_id AS accountId, users, active_days AS activeDays, length(used) AS featuresUsed,
       length(groupUniqArrayArray(used) OVER ()) AS totalFeatures,
       reached AS usersReachedValue, if(s IS NOT NULL, greatest(0, least(1, assumeNotNull(s))), NULL) AS sentiment,
       friction AS frictionEvents, user_days AS activeUserDays
     FROM per_account
     ORDER BY accountId`,
    { project: q.projectId, asOf: Math.round(q.asOf), windowDays: q.windowDays, valueEvent: q.valueEvent ?? '' },
  );
}

/** What the dashboard shows about a project (see ../duckdb/reportQueries.ts projectSummary). */
export async function projectSummary(x: X, projectId: string): Promise<ProjectSummary> {
  const bad = (col: string) => `NOT (${col} >= ${MIN_TIME_MS} AND ${col} < ${MAX_TIME_MS})`;
  const [r] = await x.query<{ events: number; syntheticEvents: number; eventTimes: number; traitTimes: number }>(
    `SELECT count() AS events, countIf(startsWith(message_id, 'demo-')) AS syntheticEvents,
       countIf(${bad('original_time')} OR ${bad('event_time')}) AS eventTimes,
       -- Traits are parsed on identify rows only (a small share), not on every event.
       (SELECT sum(toUInt8(c_s IS NOT NULL AND c_time IS NULL) + toUInt8(s_s IS NOT NULL AND s_time IS NULL)) FROM (
          SELECT ${traitTimeColumns('created_at', 'c')}, ${traitTimeColumns('signed_up_at', 's')}
          FROM events FINAL WHERE project_id = ${P.project} AND type = 'identify' AND traits IS NOT NULL)) AS traitTimes
     FROM events FINAL WHERE project_id = ${P.project}`,
    { project: projectId },
  );
  return {
    events: r?.events ?? 0,
    syntheticEvents: r?.syntheticEvents ?? 0,
    timesOutOfRange: { eventTimes: r?.eventTimes ?? 0, traitTimes: Number(r?.traitTimes ?? 0) },
  };
}

export function experimentExposures(x: X, q: Pick<ReportQuery, 'projectId' | 'asOf'>) {
  const experiment = jtext('properties', 'experiment');
  const variant = jtext('properties', 'variant');
  return x.query<ExperimentExposure>(
    // The first exposure per person decides the arm (intention to treat); see the DuckDB twin.
    `WITH ${EV},
     exposed AS (
       SELECT ${experiment} AS experiment, person_id, min(ts) AS exposed_at,
         argMin(${variant}, ts) AS variant, uniqExact(${variant}) AS variants
       FROM ev WHERE type = 'track' AND event = 'Experiment Exposed' AND ${experiment} IS NOT NULL AND ${variant} IS NOT NULL
       GROUP BY experiment, person_id
     ),
     completed AS (SELECT person_id, ts FROM ev WHERE type = 'track' AND event = 'Checklist Completed')
     SELECT x.experiment AS experiment, x.variant AS variant, x.person_id AS personId, x.exposed_at AS exposedAt, x.variants AS variants,
       minIf(c.ts, c.ts >= x.exposed_at) AS checklistCompletedAt
     FROM exposed AS x LEFT JOIN completed AS c ON c.person_id = x.person_id
     GROUP BY x.experiment, x.variant, x.person_id, x.exposed_at, x.variants
     ORDER BY experiment, variant, personId`,
    { project: q.projectId, asOf: Math.round(q.asOf) },
  );
}
