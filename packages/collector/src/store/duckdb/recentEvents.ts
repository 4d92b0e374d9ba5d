import type { DuckDBConnection } from '@duckdb/node-api';
import type { RecentEvent, RecentEvents, RecentQuery } from '../recentTypes.js';
import { rows } from './reportQueries.js';

/** Raised for a cursor this store did not hand out. */
export class CursorError extends Error {}

/**
 * The live view's read: events by receive order (`seq`, see migrations.ts). Without a
 * cursor, the last `limit` events; with one, the next `limit` after it, so a client that
 * fell behind (a burst) catches up page by page instead of skipping events. Cheap: `seq`
 * only grows, so DuckDB's per-row-group min/max skips everything older than the cursor.
 */
export async function recentEvents(conn: DuckDBConnection, q: RecentQuery, lastSeq?: number): Promise<RecentEvents> {
  const after = q.after === undefined ? undefined : parseCursor(q.after);
  // The newest committed number first (from the writer when there is one): rows committed
  // after this read are picked up by the next poll.
  const max = lastSeq ?? (await rows<{ m: number | null }>(conn, 'SELECT max(seq) AS m FROM events'))[0]?.m ?? 0;
  const filters = [
    'project_id = $project',
    'seq <= $max',
    ...(after !== undefined ? ['seq > $after'] : []),
    ...(q.event !== undefined ? ['event = $event'] : []),
    ...(q.person !== undefined
      ? [`(user_id = $person OR anonymous_id = $person OR anonymous_id IN (SELECT anonymous_id FROM identities WHERE project_id = $project AND user_id = $person))`]
      : []),
  ].join(' AND ');
  // Newest `limit` (DESC) for a first look; the oldest `limit` after the cursor when following.
  const order = after === undefined ? 'DESC' : 'ASC';
  const found = await rows<Row>(
    conn,
    `SELECT seq, message_id, epoch_ms(received_at) AS received_at, epoch_ms(ts) AS ts, type, event, user_id, anonymous_id, page_path, properties::VARCHAR AS properties
     FROM events WHERE ${filters} ORDER BY seq ${order} LIMIT $limit`,
    { project: q.projectId, max, after: after ?? null, event: q.event ?? null, person: q.person ?? null, limit: q.limit },
  );
  if (order == 'DESC') found.reverse();
  // A full page may have more behind it: continue from its last row. Otherwise everything
  // up to `max` was seen, matching or not, and the next poll starts there.
  const last = found.length == q.limit ? found[found.length - 1]!.seq : Math.max(max, after ?? 0);
  return { events: found.map(toRecent), cursor: String(last) };
}

interface Row {
  seq: number;
  message_id: string;
  received_at: number;
  ts: number;
  type: string;
  event: string | null;
  user_id: string | null;
  anonymous_id: string | null;
  page_path: string | null;
  properties: string | null;
}

function toRecent(r: Row): RecentEvent {
  return {
    messageId: r.message_id,
    receivedAt: new Date(r.received_at).toISOString(),
    timestamp: new Date(r.ts).toISOString(),
    type: r.type,
    event: r.event,
    userId: r.user_id,
    anonymousId: r.anonymous_id,
    page: r.page_path,
    properties: r.properties == null ? null : (JSON.parse(r.properties) as Record<string, unknown>),
  };
}

function parseCursor(s: string): number {
  if (!/^\d{1,15}$/.test(s)) throw new CursorError(`"after" must be a cursor from an earlier answer (got "${s.slice(0, 40)}")`);
  return Number(s);
}
