import { EVENT_SOURCES_BACKFILL } from './eventSources.js';
import { PERSON_FACTS_TABLE } from './personFacts.js';

/**
 * Schema versions, applied in order on start. Each entry runs once; the applied version
 * is kept in `sabu_meta`. Append new steps, never edit a shipped one.
 */
export const MIGRATIONS: string[] = [
  `CREATE TABLE events (
     project_id VARCHAR NOT NULL,
     message_id VARCHAR NOT NULL,
     type VARCHAR NOT NULL,
     event VARCHAR,
     anonymous_id VARCHAR NOT NULL,
     user_id VARCHAR,
     group_id VARCHAR,
     ts TIMESTAMP NOT NULL,
     original_ts TIMESTAMP NOT NULL,
     received_at TIMESTAMP NOT NULL,
     session_id VARCHAR,
     page_path VARCHAR,
     properties JSON,
     traits JSON,
     context JSON,
     PRIMARY KEY (project_id, message_id)
   );
   CREATE TABLE identities (
     project_id VARCHAR NOT NULL,
     anonymous_id VARCHAR NOT NULL,
     user_id VARCHAR NOT NULL,
     linked_at TIMESTAMP NOT NULL,
     PRIMARY KEY (project_id, anonymous_id)
   );
   CREATE TABLE events_staging (
     project_id VARCHAR, message_id VARCHAR, type VARCHAR, event VARCHAR,
     anonymous_id VARCHAR, user_id VARCHAR, group_id VARCHAR,
     ts BIGINT, original_ts BIGINT, received_at BIGINT,
     session_id VARCHAR, page_path VARCHAR, properties VARCHAR, traits VARCHAR, context VARCHAR
   );`,
  // Every event read by reports carries the person it belongs to: the user id, else the
  // user an identify() linked its anonymous id to, else the anonymous id.
  `CREATE VIEW resolved_events AS
     SELECT e.*, coalesce(e.user_id, i.user_id, e.anonymous_id) AS person_id,
            coalesce(e.user_id, i.user_id) AS known_user_id
     FROM events e
     LEFT JOIN identities i ON i.project_id = e.project_id AND i.anonymous_id = e.anonymous_id;`,
  `CREATE TABLE identities_staging (project_id VARCHAR, anonymous_id VARCHAR, user_id VARCHAR, linked_at BIGINT);`,
  // Receive order for the live view (GET /v1/events/recent, `sabu tail`), numbered by the
  // writer (createWriter.ts): one writer commits transactions one after another, so a later
  // commit always holds larger numbers and a cursor "after seq N" never skips a row committed
  // late. received_at cannot do this: two requests received in the same millisecond tie, and
  // a request parsed slowly commits after one received later.
  `ALTER TABLE events ADD COLUMN seq BIGINT;
   UPDATE events SET seq = rowid + 1;`,
  // Segment's server libraries send events with a userId and no anonymousId (issue 18).
  // Reports resolve people with coalesce(user_id, linked user, anonymous_id), so a NULL
  // here is one person, the user. (ALTER, not a new table: existing rows stay as they are.)
  `ALTER TABLE events ALTER COLUMN anonymous_id DROP NOT NULL;`,
  // Issue 16: who sent events, one row per (anonymous id, user id) pair with the first time
  // the pair was seen, kept by the writer at each commit (eventSources.ts). Reports read
  // people's first-seen time here instead of grouping every event. The backfill makes an
  // existing database's table as the writer would have.
  `CREATE TABLE event_sources (
     project_id VARCHAR NOT NULL,
     anonymous_id VARCHAR NOT NULL,
     user_id VARCHAR NOT NULL,
     first_seen TIMESTAMP NOT NULL,
     PRIMARY KEY (project_id, anonymous_id, user_id)
   );
   ${EVENT_SOURCES_BACKFILL}`,
  // Issue 16: identify calls (signup time parsed) and First Value Reached (ttv_ms), copied
  // apart by the writer (personFacts.ts) so cohorts and TTV read a small table instead of
  // scanning and parsing every event; filled here from the events stored so far.
  PERSON_FACTS_TABLE,
];
