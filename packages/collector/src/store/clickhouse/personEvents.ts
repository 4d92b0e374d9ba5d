import type { PersonEvent, PersonEventsQuery } from '../queryTypes.js';
import type { ClickHouseExecutor } from './ClickHouseExecutor.js';
import { EVENT_TS, P } from './sqlParts.js';
import { parsePersonEvents } from '../duckdb/personEvents.js';

/** One person's events by name, anonymous ids linked; twin of ../duckdb/personEvents.ts. */
export async function personEvents(x: ClickHouseExecutor, q: PersonEventsQuery): Promise<PersonEvent[]> {
  const names = q.events.map((_, i) => `{e${i}:String}`).join(', ');
  const params: Record<string, string | number> = { project: q.projectId, person: q.personId, limit: Math.max(1, Math.floor(q.limit)) };
  q.events.forEach((e, i) => (params[`e${i}`] = e));
  const found = await x.query<{ event: string; properties: string | null; at: number }>(
    `SELECT event, properties, at FROM (
       SELECT e.event AS event, e.properties AS properties, e.message_id AS message_id, e.at_ts AS at
       FROM (
         SELECT event, properties, message_id, anonymous_id, user_id, ${EVENT_TS} AS at_ts FROM events FINAL
         WHERE project_id = ${P.project} AND type = 'track' AND event IN (${names})
       ) AS e
       LEFT JOIN (SELECT anonymous_id, user_id FROM identities FINAL WHERE project_id = ${P.project}) AS i ON i.anonymous_id = e.anonymous_id
       WHERE coalesce(e.user_id, i.user_id, e.anonymous_id) = {person:String}
       ORDER BY at DESC, message_id DESC LIMIT {limit:Int64}
     ) ORDER BY at, message_id`,
    params,
  );
  return parsePersonEvents(found);
}
