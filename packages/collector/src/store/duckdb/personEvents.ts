import type { DuckDBConnection } from '@duckdb/node-api';
import type { PersonEvent, PersonEventsQuery } from '../queryTypes.js';
import { EVENT_TS, ms } from './sqlParts.js';
import { rows } from './reportQueries.js';

/**
 * One person's events by name: the user's own, and those of every anonymous id linked to
 * them (a checklist ticked before signing in counts). Reads `events` with the identity
 * join directly, filtered by project, type and name first, rather than the whole view.
 */
export async function personEvents(conn: DuckDBConnection, q: PersonEventsQuery): Promise<PersonEvent[]> {
  const names = q.events.map((_, i) => `$e${i}`).join(', ');
  const params: Record<string, string | number> = { project: q.projectId, person: q.personId };
  q.events.forEach((e, i) => (params[`e${i}`] = e));
  const found = await rows<{ event: string; properties: string | null; at: number }>(
    conn,
    `SELECT * FROM (
       SELECT e.event, e.properties::VARCHAR AS properties, e.message_id, ${ms('e.at_ts')} AS "at"
       FROM (
         SELECT event, properties, message_id, anonymous_id, user_id, ${EVENT_TS} AS at_ts FROM events
         WHERE project_id = $project AND type = 'track' AND event IN (${names})
       ) e LEFT JOIN identities i ON i.project_id = $project AND i.anonymous_id = e.anonymous_id
       WHERE coalesce(e.user_id, i.user_id, e.anonymous_id) = $person
       ORDER BY "at" DESC, message_id DESC LIMIT ${Math.max(1, Math.floor(q.limit))}
     ) ORDER BY "at", message_id`,
    params,
  );
  return parsePersonEvents(found);
}

/** Stored JSON text → objects (shared with the ClickHouse twin). */
export function parsePersonEvents(found: { event: string; properties: string | null; at: number }[]): PersonEvent[] {
  return found.map((r) => {
    let properties: Record<string, unknown> | null = null;
    try {
      const v = r.properties ? JSON.parse(r.properties) : null;
      properties = v && typeof v == 'object' && !Array.isArray(v) ? v : null;
    } catch {
      // stored JSON is valid; anything else is no properties
    }
    return { event: r.event, properties, at: r.at };
  });
}
