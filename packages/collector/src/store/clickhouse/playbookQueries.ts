import type { AccountSignals, AccountSignalsQuery } from '../queryTypes.js';
import type { ClickHouseExecutor } from './ClickHouseExecutor.js';
import { EV, P, PEOPLE, RESOLVED, baseParams, jnum, jtext } from './sqlParts.js';

/** Each person's account: the latest group they were seen in up to asOf (as the health report). */
const ACCOUNTS = `accounts AS (
  SELECT person_id, argMax(assumeNotNull(group_id), ts) AS account_id FROM ${RESOLVED}
  WHERE group_id IS NOT NULL AND ts <= ${P.asOf} GROUP BY person_id
)`;

/** The account-level signals the playbook rules read; twin of ../duckdb/playbookQueries.ts. */
export async function accountSignals(x: ClickHouseExecutor, q: AccountSignalsQuery): Promise<AccountSignals> {
  const p = { ...baseParams({ projectId: q.projectId, asOf: q.asOf }), valueEvent: q.valueEvent ?? '', within: q.answersWithinDays };
  const withoutValue = await x.query<AccountSignals['withoutValue'][number]>(
    `WITH ${EV}, ${PEOPLE}, ${ACCOUNTS}
     SELECT a.account_id AS accountId, pe.person_id AS personId, pe.start_at AS startAt
     FROM people AS pe INNER JOIN accounts AS a ON a.person_id = pe.person_id
     WHERE pe.person_id NOT IN (
       SELECT person_id FROM ev WHERE type = 'track' AND (event = 'First Value Reached' OR event = ${P.valueEvent})
     )
     ORDER BY accountId, startAt, personId`,
    p,
  );
  const npsAnswers = await x.query<AccountSignals['npsAnswers'][number]>(
    `WITH ${EV}, ${ACCOUNTS}
     SELECT a.account_id AS accountId, e.person_id AS personId, ${jtext('e.properties', 'survey')} AS survey,
       ${jnum('e.properties', 'score')} AS score, e.ts AS at
     FROM ev AS e INNER JOIN accounts AS a ON a.person_id = e.person_id
     WHERE e.type = 'track' AND e.event = 'Survey Answered' AND ${jtext('e.properties', 'kind')} = 'nps'
       AND ${jnum('e.properties', 'score')} IS NOT NULL
       AND e.ts > ${P.asOf} - {within:Int64} * 86400000
     ORDER BY accountId, at DESC, personId, survey, score`,
    p,
  );
  const activeUsers: AccountSignals['activeUsers'] = [];
  for (const w of [...new Set(q.activeWindowsDays)]) {
    activeUsers.push(
      ...(await x.query<AccountSignals['activeUsers'][number]>(
        `WITH ${ACCOUNTS}
         SELECT a.account_id AS accountId, {w:Int32} AS windowDays,
           uniqExactIf(e.person_id, e.ts > ${P.asOf} - {w:Int64} * 86400000) AS current,
           uniqExactIf(e.person_id, e.ts <= ${P.asOf} - {w:Int64} * 86400000) AS previous
         FROM ${RESOLVED} AS e INNER JOIN accounts AS a ON a.person_id = e.person_id
         WHERE e.ts <= ${P.asOf} AND e.ts > ${P.asOf} - 2 * {w:Int64} * 86400000
         GROUP BY a.account_id ORDER BY accountId`,
        { project: q.projectId, asOf: Math.round(q.asOf), w },
      )),
    );
  }
  return { withoutValue, npsAnswers, activeUsers };
}
