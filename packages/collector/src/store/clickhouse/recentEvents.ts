import type { RecentEvent, RecentEvents, RecentQuery } from '../recentTypes.js';
import { CursorError } from '../duckdb/recentEvents.js';
import type { ClickHouseExecutor } from './ClickHouseExecutor.js';
import { P } from './sqlParts.js';

/**
 * The live view's read, as ../duckdb/recentEvents.ts: events by receive number `seq`, the
 * last `limit` without a cursor, the next `limit` after one. `seq` is numbered by this
 * process's writer, so the cursor is exact for one collector; behind a load balancer each
 * collector numbers its own inserts, and a tail may show another collector's events late
 * or, rarely, skip one committed behind the cursor (docs/collector.md#clickhouse).
 */
export async function recentEvents(x: ClickHouseExecutor, q: RecentQuery, lastSeq?: number): Promise<RecentEvents> {
  const after = q.after === undefined ? undefined : parseCursor(q.after);
  const max = lastSeq ?? (await x.query<{ m: number }>('SELECT max(seq) AS m FROM events'))[0]?.m ?? 0;
  const filters = [
    `project_id = ${P.project}`,
    'seq <= {max:UInt64}',
    ...(after !== undefined ? ['seq > {after:UInt64}'] : []),
    ...(q.event !== undefined ? ['event = {event:String}'] : []),
    ...(q.person !== undefined
      ? [`(user_id = {person:String} OR anonymous_id = {person:String} OR anonymous_id IN (SELECT anonymous_id FROM identities FINAL WHERE project_id = ${P.project} AND user_id = {person:String}))`]
      : []),
  ].join(' AND ');
  const order = after === undefined ? 'DESC' : 'ASC';
  const found = await x.query<Row>(
    `SELECT seq, message_id, received_at, event_time AS ts,
       type, event, user_id, anonymous_id, page_path, properties
     FROM events FINAL WHERE ${filters} ORDER BY seq ${order} LIMIT {limit:UInt64}`,
    { project: q.projectId, max, after: after ?? 0, event: q.event ?? '', person: q.person ?? '', limit: q.limit },
  );
  if (order == 'DESC') found.reverse();
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
