// The floor under the collector's ingest on DuckDB (issue 16): what DuckDB itself costs to
// store an event, with no HTTP, no JSON and no per-value calls from JS. Rows like the
// collector bench's events are made by SQL (`range()`) and committed 1,000 at a time, as a
// group commit under load does, into the collector's own schema (primary key, JSON
// columns, WAL on a file), then one final CHECKPOINT so its cost is counted too. Prints
// CPU µs per row of this process (all of DuckDB's threads). Run after `npm run build`:
//   node bench/duckdbFloor.mjs [--rows 400000] [--commit 1000]
// `--commit 200000` measures bulk loads (a whole row group or more per statement: DuckDB
// writes it to the file without its WAL; the WAL's largest size is printed). `--log`
// measures the store's real ingest path for a database file instead (issue 16): rows like
// the bench's, pre-built, handed to insertEvents 100 at a time, 10 requests at once, into
// the ingest log (lines, fdatasync group commit), loaded in bulk by the store (segments of
// --commit rows, default 131,072), until close() has loaded everything.
// `--unkeyed` inserts into a copy of the events table without its primary key (what the
// (project, messageId) de-duplication costs). `--parse` measures the other half of the floor,
// Node's side: gunzip, UTF-8 decoding and JSON.parse of the collector bench's own request
// bodies (100-event gzip batches), nothing else. Issue 16's goal (100,000 events per collector
// CPU-second) is 10 µs per event for everything: the two floors together are above it.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { createDuckDBStore } from '../packages/collector/dist/index.js';
import { buildBodies } from './lib/collectorBodies.mjs';

const { values: args } = parseArgs({ options: { rows: { type: 'string' }, commit: { type: 'string' }, log: { type: 'boolean' }, unkeyed: { type: 'boolean' }, parse: { type: 'boolean' } } });
const ROWS = Number(args.rows ?? 400_000);
const COMMIT = Number(args.commit ?? (args.log ? 131_072 : 1000));
const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

const dir = mkdtempSync(join(tmpdir(), 'sabu-floor-'));
try {
  if (args.parse) floorOfParse();
  else if (args.log) await floorOfLog();
  else await floorOfInserts();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

async function floorOfInserts() {
  // The store's own migrations and settings (checkpoint threshold); its query connection
  // runs the statements (a bench may write through it).
  const store = await createDuckDBStore(join(dir, 'floor.duckdb'));
  const table = args.unkeyed ? 'events_unkeyed' : 'events';
  // CREATE TABLE AS copies the columns, not the constraints.
  if (args.unkeyed) await store.querySql('CREATE TABLE events_unkeyed AS SELECT * FROM events LIMIT 0');
  const insert = (from) => `INSERT INTO ${table} (project_id, message_id, type, event, anonymous_id, user_id, group_id, ts, original_ts, received_at, session_id, page_path, properties, traits, context, seq)
    SELECT 'bench', 'm-' || i, CASE WHEN i % 25 = 0 THEN 'identify' ELSE 'track' END, 'Feature Used', 'anon-' || (i % 5000), 'user-' || (i % 5000), NULL,
      now()::TIMESTAMP, now()::TIMESTAMP, now()::TIMESTAMP, 's-' || (i % 5000), '/app',
      '{"feature":"f' || (i % 7) || '","first_use":false}', NULL,
      '{"page":{"url":"http://127.0.0.1/app","path":"/app","title":"App"},"library":{"name":"sabu","version":"0.1.0"},"locale":"en-US","sessionId":"s-' || (i % 5000) || '"}',
      i
    FROM range(${from}, ${from + COMMIT}) t(i)`;
  // Warm-up, not measured.
  for (let i = 0; i < 10 * COMMIT; i += COMMIT) await store.querySql(insert(-ROWS - 10 * COMMIT + i));
  const wal = join(dir, 'floor.duckdb.wal');
  let walMax = 0;
  const t0 = cpuMs();
  const w0 = performance.now();
  let statements = 0;
  for (let i = 0; i < ROWS; i += COMMIT) {
    await store.querySql('BEGIN TRANSACTION');
    await store.querySql(insert(i));
    await store.querySql('COMMIT');
    statements++;
    if (existsSync(wal)) walMax = Math.max(walMax, statSync(wal).size);
  }
  const commits = cpuMs() - t0;
  await store.querySql('CHECKPOINT');
  const total = cpuMs() - t0;
  const perRow = (ms) => ((ms * 1000) / ROWS).toFixed(2);
  console.log(`DuckDB alone${args.unkeyed ? ', no primary key' : ''}: ${ROWS.toLocaleString('en')} rows in commits of ${COMMIT} (${statements} commits), wall ${((performance.now() - w0) / 1000).toFixed(1)} s`);
  console.log(`  ${perRow(total)} µs CPU per row (${perRow(commits)} inserting and committing, ${perRow(total - commits)} the final checkpoint)`);
  console.log(`  = at most ${Math.round(ROWS / (total / 1000)).toLocaleString('en')} events per CPU-second from the database alone; WAL at most ${(walMax / 1e6).toFixed(1)} MB`);
  await store.close();
}

async function floorOfLog() {
  const now = Date.now();
  const row = (i) => ({
    projectId: 'bench', messageId: `m-${i}`, type: i % 25 == 0 ? 'identify' : 'track', event: i % 25 == 0 ? null : 'Feature Used',
    anonymousId: `anon-${i % 5000}`, userId: `user-${i % 5000}`, groupId: null, timestamp: now, originalTimestamp: now, receivedAt: now,
    sessionId: `s-${i % 5000}`, pagePath: '/app', properties: i % 25 == 0 ? null : `{"feature":"f${i % 7}","first_use":false}`,
    traits: i % 25 == 0 ? `{"plan":"pro","created_at":"${new Date(now).toISOString()}"}` : null,
    context: `{"page":{"url":"http://127.0.0.1/app","path":"/app","title":"App"},"library":{"name":"sabu","version":"0.1.0"},"locale":"en-US","sessionId":"s-${i % 5000}"}`,
  });
  const requests = [];
  for (let i = 0; i < ROWS; i += 100) requests.push(Array.from({ length: 100 }, (_, k) => row(i + k)));
  const store = await createDuckDBStore(join(dir, 'floor.duckdb'), { log: { segmentRows: COMMIT, sealAfterMs: 60_000 } });
  const t0 = cpuMs();
  const w0 = performance.now();
  // 10 requests in flight, as the bench's 10 connections.
  let next = 0;
  await Promise.all(Array.from({ length: 10 }, async () => {
    while (next < requests.length) await store.insertEvents(requests[next++]);
  }));
  const acked = cpuMs() - t0;
  await store.close();
  const total = cpuMs() - t0;
  const perRow = (ms) => ((ms * 1000) / ROWS).toFixed(2);
  console.log(`Ingest log + bulk loads: ${ROWS.toLocaleString('en')} rows, requests of 100, segments of ${COMMIT.toLocaleString('en')}, wall ${((performance.now() - w0) / 1000).toFixed(1)} s`);
  console.log(`  ${perRow(total)} µs CPU per row (${perRow(acked)} until the last acknowledgement, ${perRow(total - acked)} the loads after it, close's checkpoint included)`);
  console.log(`  = at most ${Math.round(ROWS / (total / 1000)).toLocaleString('en')} events per CPU-second for logging and loading, before HTTP, gzip, JSON.parse and the event checks`);
}

function floorOfParse() {
  const { bodies, rawBytes } = buildBodies(Math.ceil(ROWS / 100), 'floor');
  const events = bodies.length * 100;
  // Warm-up (V8 optimises JSON.parse's callers), not measured.
  for (const b of bodies.slice(0, 200)) JSON.parse(gunzipSync(b).toString('utf8'));
  const t0 = cpuMs();
  let n = 0;
  for (const b of bodies) n += JSON.parse(gunzipSync(b).toString('utf8')).batch.length;
  const total = cpuMs() - t0;
  if (n != events) throw new Error(`parsed ${n} events of ${events}`);
  console.log(`Node alone: ${events.toLocaleString('en')} events in gzip batches of 100 (${Math.round(rawBytes / 100)} B of JSON each): gunzip + UTF-8 + JSON.parse`);
  console.log(`  ${((total * 1000) / events).toFixed(2)} µs CPU per event = at most ${Math.round(events / (total / 1000)).toLocaleString('en')} events per CPU-second, before any check, row, log or database`);
}
