import type { EventRow } from '../../EventRow.js';

/**
 * One acknowledged event as a line of the ingest log (NDJSON): the `events` columns by
 * name, times in epoch ms, plus `seq`, the receive number the log gave it. The JSON
 * columns are embedded as the JSON they are, not as strings: no second escaping here, and
 * DuckDB's reader keeps their text (`read_ndjson` with a JSON column). Only rows whose JSON
 * text the writer can vouch for get here (appendEvents.ts fastPathFits: ingest's own
 * JSON.stringify of an object); anything else takes the checked way.
 */
export function toLogLine(r: EventRow, seq: number): string {
  return (
    `{"seq":${seq},"project_id":${JSON.stringify(r.projectId)},"message_id":${JSON.stringify(r.messageId)},"type":${JSON.stringify(r.type)}` +
    `,"event":${str(r.event)},"anonymous_id":${str(r.anonymousId)},"user_id":${str(r.userId)},"group_id":${str(r.groupId)}` +
    `,"ts":${ms(r.timestamp)},"original_ts":${ms(r.originalTimestamp)},"received_at":${ms(r.receivedAt)}` +
    `,"session_id":${str(r.sessionId)},"page_path":${str(r.pagePath)}` +
    `,"properties":${r.properties ?? 'null'},"traits":${r.traits ?? 'null'},"context":${r.context ?? 'null'}}\n`
  );
}

const str = (s: string | null) => (s == null ? 'null' : JSON.stringify(s));
// Whole milliseconds, as the appender stores them (a TIMESTAMP of ms × 1000 µs).
const ms = (t: number) => String(Math.round(t));

/** The lines' columns and types, for DuckDB's `read_ndjson(…, columns = …)`. */
export const LOG_COLUMNS = `{seq: 'BIGINT', project_id: 'VARCHAR', message_id: 'VARCHAR', type: 'VARCHAR', event: 'VARCHAR',
  anonymous_id: 'VARCHAR', user_id: 'VARCHAR', group_id: 'VARCHAR', ts: 'BIGINT', original_ts: 'BIGINT', received_at: 'BIGINT',
  session_id: 'VARCHAR', page_path: 'VARCHAR', properties: 'JSON', traits: 'JSON', context: 'JSON'}`;
