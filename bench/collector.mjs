// Collector benchmark: ingest throughput and cost (autocannon posting pre-built gzip
// batches of 100 events to `sabu start` in a child process), p99 latency under that load,
// and report latency on synthetic databases of 1M and 10M events. Run:
// `npm run bench:collector` (builds first). Options:
//   --quick                 300 requests of load and a 100k-event database (a smoke run)
//   --requests <n>          measured requests of 100 events (default 3000, after 300 of warm-up)
//   --connections <n>       concurrent connections (default 10)
//   --sizes 1000000,10000000  database sizes for report latency (default: each target's `sizes`)
//   --targets duckdb        stores to measure, side by side (see TARGETS): duckdb, clickhouse
//                           (default both; DuckDB alone where chdb cannot load)
//   --no-ingest             skip the ingest part
//   --no-reports            skip the report part
//   --insert-wait-ms <n>    ClickHouse: clickhouse.insertWaitMs of the collector (default: the collector's)
//   --cpu-prof <dir>        run the collector under `node --cpu-prof`, profiles into <dir>
//   --json                  print the results as JSON
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { buildBodies as makeBodies } from './lib/collectorBodies.mjs';
import { sideBySide } from './lib/collectorSummary.mjs';
import {
  collectorConfigSchema,
  createClickHouseStore,
  createDuckDBStore,
  createHttpExecutor,
  runReport,
  SUMMARIES_REBUILD,
} from '../packages/collector/dist/index.js';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    requests: { type: 'string' },
    // Kept for old command lines: the load is now a number of requests (pre-built bodies).
    duration: { type: 'string' },
    connections: { type: 'string' },
    sizes: { type: 'string' },
    targets: { type: 'string' },
    json: { type: 'boolean' },
    'no-ingest': { type: 'boolean' },
    'no-reports': { type: 'boolean' },
    'insert-wait-ms': { type: 'string' },
    'cpu-prof': { type: 'string' },
  },
});
const REQUESTS = Number(args.requests ?? (args.quick ? 300 : 3000));
const WARMUP_REQUESTS = Math.max(20, Math.round(REQUESTS / 10));
const CONNECTIONS = Number(args.connections ?? 10);
const SIZES = args.sizes ? args.sizes.split(',').map(Number) : args.quick ? [100_000] : null;
const BATCH = 100;
const WRITE_KEY = 'wk_bench_0001_public';
const READ_KEY = 'rk_bench_0001_secret';
const DAY = 86_400_000;
const PROJECTS = [{ id: 'bench', writeKeys: [WRITE_KEY], readKeys: [READ_KEY] }];

/**
 * The stores measured, side by side on the same data. Each target says how `sabu start`
 * is configured for it (`config`), how the bench opens it for counting and reports
 * (`open`), and how it fills a synthetic database of n events (`fill`, see fillDuckDB).
 */
const TARGETS = {
  duckdb: {
    label: 'DuckDB',
    config: (dir, name) => ({ database: join(dir, `${name}.duckdb`) }),
    open: (dir, name, o = {}) => createDuckDBStore(join(dir, `${name}.duckdb`), o),
    fill: fillDuckDB,
    drop: (dir, name) => rmSync(join(dir, `${name}.duckdb`), { force: true }),
    sizes: [1_000_000, 10_000_000],
  },
  // ClickHouse over HTTP: the server at SABU_CLICKHOUSE_URL (loopback only), else the
  // ClickHouse engine (chdb, 26.7) behind its HTTP interface in a child process of its own
  // (lib/chdbFront.mjs), so the collector runs exactly as in production and the engine's
  // CPU is measured apart (engineCpuMs): DuckDB's engine runs inside the collector, so the
  // fair side-by-side figure is collector + engine.
  clickhouse: {
    label: 'ClickHouse',
    config: (dir, name) => ({ store: 'clickhouse', clickhouse: { url: clickhouseUrl, database: chDatabase(name), ...(args['insert-wait-ms'] ? { insertWaitMs: Number(args['insert-wait-ms']) } : {}) } }),
    open: async (dir, name, o = {}) =>
      createClickHouseStore(await createHttpExecutor({ url: clickhouseUrl, database: chDatabase(name) }), { migrate: !o.readOnly }),
    fill: fillClickHouse,
    settle: settleClickHouse,
    // 10M only when asked (--sizes 1000000,10000000): loading it into the engine in-process
    // and running every report three times takes over ten minutes on 2 shared cores.
    sizes: [1_000_000],
    drop: async (dir, name) => {
      const x = await createHttpExecutor({ url: clickhouseUrl, database: chDatabase(name) });
      await x.command(`DROP DATABASE IF EXISTS ${chDatabase(name)}`);
      await x.close();
    },
  },
};
// Both stores by default, side by side; ClickHouse only where its engine can run here (chdb,
// a dev dependency) or a server is named.
const targetNames = (args.targets ?? ((await canRunClickHouse()) ? 'duckdb,clickhouse' : 'duckdb')).split(',');
for (const t of targetNames) if (!TARGETS[t]) throw new Error(`unknown target "${t}"; known: ${Object.keys(TARGETS).join(', ')}`);

const dir = mkdtempSync(join(tmpdir(), 'sabu-bench-'));
const REAL_CLICKHOUSE = process.env.SABU_CLICKHOUSE_URL;
if (REAL_CLICKHOUSE && !/^https?:\/\/([^@/]*@)?(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\/?$/.test(REAL_CLICKHOUSE)) {
  throw new Error('SABU_CLICKHOUSE_URL must be a loopback address (127.0.0.1, localhost, [::1])');
}
const chFront = targetNames.includes('clickhouse') && !REAL_CLICKHOUSE ? await startChdbFront() : null;
// Not left running when the bench is stopped (Ctrl-C) or fails.
process.on('exit', () => chFront?.child.kill('SIGTERM'));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));
const clickhouseUrl = REAL_CLICKHOUSE ?? chFront?.url;
/** CPU ms of the engine's own process where the bench can see it (the chdb front); 0 for DuckDB (in the collector) or a real server. */
const engineCpuMs = (target) => (target == 'clickhouse' && chFront ? childCpuMs(chFront.child.pid) : 0);
const chDatabase = (name) => `sabu_bench_${name.replace(/[^A-Za-z0-9]/g, '_')}`;
const results = { machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version }, ingest: null, reports: [], targets: {} };
const log = (...a) => !args.json && console.log(...a);

try {
  for (const t of targetNames) {
    const r = (results.targets[t] = { ingest: null, reports: [] });
    if (!args['no-ingest']) r.ingest = await benchIngest(t);
    if (!args['no-reports']) for (const n of SIZES ?? TARGETS[t].sizes) r.reports.push(await benchReports(t, n));
  }
  if (targetNames.length > 1) log(`\n${sideBySide(results.targets, Object.fromEntries(targetNames.map((t) => [t, TARGETS[t].label])))}`);
  // The first target's figures also at the top level (the shape bench/lib/report.mjs reads).
  Object.assign(results, { ingest: results.targets[targetNames[0]].ingest, reports: results.targets[targetNames[0]].reports });
  if (args.json) console.log(JSON.stringify(results, null, 2));
} finally {
  chFront?.child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}

/** True when the ClickHouse target can run: SABU_CLICKHOUSE_URL, or chdb loads. */
async function canRunClickHouse() {
  if (process.env.SABU_CLICKHOUSE_URL) return true;
  try {
    await import('chdb');
    return true;
  } catch (e) {
    console.error(`bench:collector: ClickHouse left out (chdb did not load: ${String(e?.message ?? e).split('\n')[0]}); --targets duckdb,clickhouse asks for it`);
    return false;
  }
}

/** lib/chdbFront.mjs in a child process; resolves with its URL once it listens. */
async function startChdbFront() {
  const child = spawn(process.execPath, ['bench/lib/chdbFront.mjs'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((res, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      const m = /^(http:\/\/[\d.:]+)$/m.exec(out);
      if (m) res(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`the chdb front exited (${code}): ${out}`)));
  });
  return { child, url };
}

async function startCollector(target, name, extraArgs = []) {
  const configFile = join(dir, `${name}.config.json`);
  writeFileSync(configFile, JSON.stringify({ port: 0, rateLimit: { max: 1e9 }, projects: PROJECTS, ...TARGETS[target].config(dir, name) }));
  const node = args['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', resolve(args['cpu-prof'])] : [];
  const child = spawn(process.execPath, [...node, 'packages/collector/bin/sabu.mjs', 'start', '--config', configFile, ...extraArgs], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((res, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      const m = /collector on (http:\/\/[\d.:]+)/.exec(out);
      if (m) res(m[1]);
    });
    child.on('exit', () => reject(new Error(out)));
  });
  return { child, url };
}

async function benchIngest(target) {
  const { bodies, rawBytes, gzipBytes } = makeBodies(WARMUP_REQUESTS + REQUESTS, `r${process.pid}`, { batch: BATCH, writeKey: WRITE_KEY });
  const { child, url } = await startCollector(target, 'ingest');
  let next = 0;
  const load = (amount) =>
    autocannon({
      url: `${url}/v1/batch`,
      connections: CONNECTIONS,
      amount,
      requests: [
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
          setupRequest: (req) => ({ ...req, body: bodies[next++] }),
        },
      ],
    });
  // Warm-up (JIT, DuckDB caches), not measured.
  const warm = await load(WARMUP_REQUESTS);
  const cpu0 = childCpuMs(child.pid);
  const engine0 = engineCpuMs(target);
  const own0 = process.cpuUsage();
  const run = await load(REQUESTS);
  const serverCpuMs = childCpuMs(child.pid) - cpu0;
  const engineMs = engineCpuMs(target) - engine0;
  const own = process.cpuUsage(own0);
  child.kill('SIGTERM');
  await new Promise((r) => child.on('exit', r));
  const store = await TARGETS[target].open(dir, 'ingest', { readOnly: true });
  const stored = await store.countEvents('bench');
  await store.close();
  await TARGETS[target].drop(dir, 'ingest');
  const ok = run['2xx'];
  const warmEvents = warm['2xx'] * BATCH;
  const seconds = run.duration;
  const r = {
    target,
    connections: CONNECTIONS,
    requests: REQUESTS,
    durationS: Math.round(seconds * 10) / 10,
    batchEvents: BATCH,
    bodyBytes: Math.round(rawBytes),
    gzipBytes: Math.round(gzipBytes),
    requestsPerS: Math.round(ok / seconds),
    eventsPerS: Math.round((ok * BATCH) / seconds),
    latencyMs: { p50: run.latency.p50, p90: run.latency.p90, p99: run.latency.p99, max: run.latency.max },
    // Events per second of collector CPU (its process: Node and the store's threads): what
    // one core would sustain, whatever else the machine runs. The load generator is
    // another process; its own CPU is given apart.
    eventsPerCpuS: serverCpuMs > 0 ? Math.round((ok * BATCH) / (serverCpuMs / 1000)) : null,
    collectorCpuS: Math.round(serverCpuMs) / 1000,
    // The database engine's CPU when it runs in a process of its own (the chdb front for
    // ClickHouse; 0 for DuckDB, whose engine is inside the collector and counted above), and
    // events per CPU-second of collector + engine: the figure to compare across stores.
    engineCpuS: Math.round(engineMs) / 1000,
    eventsPerTotalCpuS: serverCpuMs + engineMs > 0 ? Math.round((ok * BATCH) / ((serverCpuMs + engineMs) / 1000)) : null,
    generatorCpuS: Math.round((own.user + own.system) / 1000) / 1000,
    acknowledged: ok * BATCH,
    // Includes the warm-up's events.
    stored: stored - warmEvents,
    non2xx: run.non2xx,
    errors: run.errors,
    loadAverage: loadavg()[0],
  };
  log(`\ningest into ${TARGETS[target].label} (${CONNECTIONS} connections, ${REQUESTS} requests of ${BATCH} events, ${Math.round(rawBytes / 1024)} KB JSON = ${Math.round(gzipBytes / 1024)} KB gzip each, ${results.machine.cpus} cores)`);
  log(`  collector CPU: ${r.eventsPerCpuS ?? 'n/a'} events per CPU-second (${r.collectorCpuS} s; the load generator used ${r.generatorCpuS} s apart)`);
  if (engineMs > 0) log(`  engine CPU (its own process): ${r.engineCpuS} s; collector + engine: ${r.eventsPerTotalCpuS} events per CPU-second`);
  log(`  ${r.requestsPerS} requests/s = ${r.eventsPerS} events/s; latency p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms, max ${r.latencyMs.max} ms`);
  log(`  acknowledged ${r.acknowledged} events, stored ${r.stored} (plus warm-up); non-2xx ${r.non2xx}, errors ${r.errors}; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  if (stored - warmEvents < r.acknowledged) throw new Error('fewer events stored than acknowledged');
  return r;
}

/** User + system CPU time of a process in ms (Linux /proc; 0 elsewhere). */
function childCpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 Hz on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

/**
 * Synthetic events made inside DuckDB (much faster than sending them): 50 events per
 * user over 8 weekly cohorts and three plans; 60 % of users reach value within 0–5 days.
 */
async function fillDuckDB(store, n, asOf) {
  await store.querySql(`
    INSERT INTO events (project_id, message_id, type, event, anonymous_id, user_id, group_id, ts, original_ts, received_at,
      session_id, page_path, properties, traits, context)
    SELECT 'bench', 'm' || i, CASE WHEN k = 0 THEN 'identify' ELSE 'track' END,
      CASE WHEN k = 0 THEN NULL WHEN k = 1 THEN (CASE WHEN hash(u) % 10 < 6 THEN 'First Value Reached' ELSE 'Page Viewed' END)
           WHEN k < 25 THEN 'Feature Used' WHEN k = 25 THEN 'Rage Click' WHEN k = 26 THEN 'Web Vital' ELSE 'Page Viewed' END,
      'a' || u, 'u' || u, 'acct' || (u // 5),
      epoch_ms(ts), epoch_ms(ts), epoch_ms(ts), NULL, '/app/p' || (k % 5),
      CASE WHEN k = 1 THEN json_object('ttv_ms', (hash(i) % (5 * ${DAY}::BIGINT))::BIGINT, 'from', 'signup')
           WHEN k < 25 THEN json_object('feature', 'f' || (hash(i) % 8), 'first_use', false)
           WHEN k = 25 THEN json_object('selector', '#b' || (hash(i) % 20))
           WHEN k = 26 THEN json_object('name', 'LCP', 'value', hash(i) % 5000) END,
      CASE WHEN k = 0 THEN json_object('plan', ['free', 'pro', 'enterprise'][(hash(u) % 3)::BIGINT + 1], 'created_at', strftime(epoch_ms(signup), '%Y-%m-%dT%H:%M:%SZ')) END,
      NULL
    FROM (
      SELECT i, i // 50 AS u, i % 50 AS k,
        ${asOf} - (hash(i // 50) % (56 * ${DAY}::BIGINT))::BIGINT AS signup,
        least(${asOf}, signup + CASE WHEN i % 50 = 1 THEN (hash(i) % (5 * ${DAY}::BIGINT))::BIGINT ELSE (i % 50) * 3600000 END) AS ts
      FROM range(${n}) t(i)
    )`);
  // Written with SQL, not through the writer: the person summaries are made from the events.
  await store.querySql(SUMMARIES_REBUILD);
  await store.querySql('CHECKPOINT');
}

/**
 * The same synthetic events as fillDuckDB, exactly: made in a scratch DuckDB file, written
 * to Parquet, read by ClickHouse (the reports of both targets then run on identical rows).
 * The file is read by the engine behind the HTTP front, which runs in this process; a real
 * server would need the file in its user_files directory, so for SABU_CLICKHOUSE_URL the
 * rows are sent through the client instead.
 */
async function fillClickHouse(store, n, asOf, name) {
  const scratch = await createDuckDBStore(join(dir, `fill-${n}.duckdb`));
  await fillDuckDB(scratch, n, asOf);
  const parquet = join(dir, `fill-${n}.parquet`);
  await scratch.querySql(`COPY (
    SELECT project_id, message_id, type, event, anonymous_id, user_id, group_id,
      epoch_ms(ts) AS event_time, epoch_ms(original_ts) AS original_time, epoch_ms(received_at) AS received_at,
      session_id, page_path, properties::VARCHAR AS properties, traits::VARCHAR AS traits, context::VARCHAR AS context,
      row_number() OVER () AS seq, 9007199254740991 - epoch_ms(received_at) AS ver
    FROM events) TO '${parquet}' (FORMAT parquet)`);
  await scratch.querySql(`COPY (
    SELECT project_id, anonymous_id, user_id, epoch_ms(linked_at) AS linked_at, 9007199254740991 - epoch_ms(linked_at) AS ver
    FROM identities) TO '${parquet}.ids' (FORMAT parquet)`);
  await scratch.close();
  rmSync(join(dir, `fill-${n}.duckdb`), { force: true });
  if (REAL_CLICKHOUSE) throw new Error('filling a real ClickHouse server is not implemented: run the reports part against chdb (unset SABU_CLICKHOUSE_URL)');
  const x = await createHttpExecutor({ url: clickhouseUrl, database: chDatabase(name) });
  await x.command(`INSERT INTO events SELECT * FROM file('${parquet}', Parquet)`);
  await x.command(`INSERT INTO identities SELECT * FROM file('${parquet}.ids', Parquet)`);
  await x.close();
  rmSync(parquet, { force: true });
  rmSync(`${parquet}.ids`, { force: true });
}

/**
 * Waits until ClickHouse has no merge running in the database (two looks a second apart:
 * one merge's end may schedule the next), at most ten minutes. Merges of the parts a load
 * made run in the engine's process for minutes after a 10M-row insert; timed inside the
 * reports they were most of the first reports' CPU (issue 16: TTV 3.2 s in the full run).
 */
async function settleClickHouse(name) {
  const x = await createHttpExecutor({ url: clickhouseUrl, database: chDatabase(name) });
  try {
    for (let quiet = 0, end = Date.now() + 600_000; quiet < 2 && Date.now() < end; ) {
      const [m] = await x.query('SELECT count() AS n FROM system.merges WHERE database = currentDatabase()');
      quiet = m.n == 0 ? quiet + 1 : 0;
      await new Promise((r) => setTimeout(r, 1000));
    }
  } finally {
    await x.close();
  }
}

async function benchReports(target, n) {
  const name = `reports-${n}`;
  const store = await TARGETS[target].open(dir, name);
  const asOf = Date.parse('2026-03-01T00:00:00Z');
  const t0 = performance.now();
  await TARGETS[target].fill(store, n, asOf, name);
  const loadS = (performance.now() - t0) / 1000;
  // The engine's background work on the fresh load (ClickHouse merges the parts the load
  // made) is the load's cost, not the reports': timed apart, before the reports run.
  const t1 = performance.now();
  const e1 = engineCpuMs(target);
  await TARGETS[target].settle?.(name);
  const settle = { s: Math.round((performance.now() - t1) / 100) / 10, engineCpuS: Math.round(engineCpuMs(target) - e1) / 1000 };
  const config = collectorConfigSchema.parse({ projects: PROJECTS });
  const project = config.projects[0];
  // Wall time depends on what else the machine runs; CPU time (this process, DuckDB's
  // threads included, plus the ClickHouse engine's process) is the steadier figure on a
  // shared machine.
  const out = { target, events: n, users: Math.ceil(n / 50), loadS: Math.round(loadS * 10) / 10, settle, latencyMs: {}, cpuMs: {} };
  for (const [label, report, params] of [
    ['ttv by signup week', 'ttv', {}],
    ['ttv by plan', 'ttv', { by: 'plan' }],
    ['ttv, plan:pro, one month', 'ttv', { where: 'plan:pro', from: '2026-01-15', to: '2026-02-15' }],
    ['friction', 'friction', {}],
    ['adoption', 'adoption', {}],
    ['health', 'health', {}],
  ]) {
    const times = [];
    const cpu = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      const c = process.cpuUsage();
      const e = engineCpuMs(target);
      await runReport(store, config, project, report, { asOf: '2026-03-01T00:00:00Z', ...params });
      times.push(performance.now() - t);
      const d = process.cpuUsage(c);
      // This process (the report's JS; DuckDB's threads) + the engine's process (ClickHouse).
      cpu.push((d.user + d.system) / 1000 + engineCpuMs(target) - e);
    }
    times.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    out.latencyMs[label] = Math.round(times[1]);
    out.cpuMs[label] = Math.round(cpu[1]);
  }
  await store.close();
  await TARGETS[target].drop(dir, name);
  const settled = TARGETS[target].settle ? `; merges after the load ${settle.s} s, engine ${settle.engineCpuS} CPU-s` : '';
  log(`\nreports (${TARGETS[target].label}) on ${n.toLocaleString('en')} events (${out.users.toLocaleString('en')} users; generated in ${out.loadS} s${settled}), median of 3, load average ${loadavg()[0].toFixed(1)}:`);
  for (const [k, v] of Object.entries(out.latencyMs)) log(`  ${k.padEnd(28)} ${String(v).padStart(6)} ms wall  ${String(out.cpuMs[k]).padStart(6)} ms CPU`);
  return out;
}
