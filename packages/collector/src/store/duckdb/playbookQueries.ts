import type { DuckDBConnection } from '@duckdb/node-api';
import type { AccountSignals, AccountSignalsQuery } from '../queryTypes.js';
import { EV, PEOPLE, RESOLVED, baseParams, ms } from './sqlParts.js';
import { rows } from './reportQueries.js';

/** Each person's account: the latest group they were seen in up to asOf (as the health report). */
const ACCOUNTS = `accounts AS (
  SELECT person_id, arg_max(group_id, ts) AS account_id FROM ${RESOLVED}
  WHERE project_id = $project AND group_id IS NOT NULL AND ts <= epoch_ms($asOf::BIGINT) GROUP BY person_id
)`;

/** The account-level signals the playbook rules read (src/playbooks/evaluateRules.ts). */
export async function accountSignals(conn: DuckDBConnection, q: AccountSignalsQuery): Promise<AccountSignals> {
  const p = { ...baseParams({ projectId: q.projectId, asOf: q.asOf }), valueEvent: q.valueEvent ?? '', within: q.answersWithinDays };
  const withoutValue = await rows<AccountSignals['withoutValue'][number]>(
    conn,
    `WITH ${EV}, ${PEOPLE}, ${ACCOUNTS},
     reached AS (
       SELECT DISTINCT person_id FROM ev
       WHERE type = 'track' AND (event = 'First Value Reached' OR event = $valueEvent)
     )
     SELECT a.account_id AS "accountId", pe.person_id AS "personId", ${ms('pe.start_at')} AS "startAt"
     FROM people pe JOIN accounts a USING (person_id)
     WHERE pe.person_id NOT IN (SELECT person_id FROM reached)
     ORDER BY 1, 3, 2`,
    p,
  );
  const npsAnswers = await rows<AccountSignals['npsAnswers'][number]>(
    conn,
    `WITH ${EV}, ${ACCOUNTS}
     SELECT a.account_id AS "accountId", e.person_id AS "personId", (e.properties->>'survey') AS survey,
       try_cast(e.properties->>'score' AS DOUBLE) AS score, ${ms('e.ts')} AS at
     FROM ev e JOIN accounts a USING (person_id)
     WHERE e.type = 'track' AND e.event = 'Survey Answered' AND (e.properties->>'kind') = 'nps'
       AND try_cast(e.properties->>'score' AS DOUBLE) IS NOT NULL
       AND e.ts > epoch_ms($asOf::BIGINT) - to_days($within::INTEGER)
     ORDER BY 1, 5 DESC, 2, 3, 4`,
    p,
  );
  const activeUsers: AccountSignals['activeUsers'] = [];
  for (const w of [...new Set(q.activeWindowsDays)]) {
    activeUsers.push(
      ...(await rows<AccountSignals['activeUsers'][number]>(
        conn,
        `WITH ${ACCOUNTS}
         SELECT a.account_id AS "accountId", $w::INTEGER AS "windowDays",
           count(DISTINCT e.person_id) FILTER (WHERE e.ts > epoch_ms($asOf::BIGINT) - to_days($w::INTEGER)) AS current,
           count(DISTINCT e.person_id) FILTER (WHERE e.ts <= epoch_ms($asOf::BIGINT) - to_days($w::INTEGER)) AS previous
         FROM ${RESOLVED} e JOIN accounts a USING (person_id)
         WHERE e.project_id = $project AND e.ts <= epoch_ms($asOf::BIGINT)
           AND e.ts > epoch_ms($asOf::BIGINT) - to_days(2 * $w::INTEGER)
         GROUP BY a.account_id ORDER BY 1`,
        { project: q.projectId, asOf: q.asOf, w },
      )),
    );
  }
  return { withoutValue, npsAnswers, activeUsers };
}
