// Collector benchmark: ingest throughput (autocannon, 100-event batches, against `sabu
// start` in a child process) and report latency on synthetic databases of 1M and 10M
// events. Run: `npm run bench:collector` (builds first). Options:
//   --quick                 2 s of load and a 100k-event database (a smoke run)
//   --duration <s>          seconds of load (default 10)
//   --connections <n>       concurrent connections (default 10)
//   --sizes 1000000,10000000  database sizes for report latency
//   --no-ingest             skip the ingest part
//   --json                  print the results as JSON
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { collectorConfigSchema, createDuckDBStore, runReport } from '../packages/collector/dist/index.js';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    duration: { type: 'string' },
    connections: { type: 'string' },
    sizes: { type: 'string' },
    json: { type: 'boolean' },
    'no-ingest': { type: 'boolean' },
  },
});
const DURATION = Number(args.duration ?? (args.quick ? 2 : 10));
const CONNECTIONS = Number(args.connections ?? 10);
const SIZES = (args.sizes ?? (args.quick ? '100000' : '1000000,10000000')).split(',').map(Number);
const BATCH = 100;
const WRITE_KEY = 'wk_bench_0001_public';
const DAY = 86_400_000;
const dir = mkdtempSync(join(tmpdir(), 'sabu-bench-'));
const results = { machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version }, ingest: null, reports: [] };
const log = (...a) => !args.json && console.log(...a);

try {
  if (!args['no-ingest']) results.ingest = await benchIngest();
  for (const n of SIZES) results.reports.push(await benchReports(n));
  if (args.json) console.log(JSON.stringify(results, null, 2));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

async function benchIngest() {
  const db = join(dir, 'ingest.duckdb');
  const configFile = join(dir, 'sabu.config.json');
  writeFileSync(configFile, JSON.stringify({ port: 0, database: db, rateLimit: { max: 1e9 }, projects: [{ id: 'bench', writeKeys: [WRITE_KEY], readKeys: ['rk_bench_0001_secret'] }] }));
  const child = spawn(process.execPath, ['packages/collector/bin/sabu.mjs', 'start', '--config', configFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      const m = /collector on (http:\/\/[\d.:]+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', () => reject(new Error(out)));
  });
  // A body template split where message ids go: every request gets 100 fresh ids cheaply,
  // so the database does real inserts rather than dedupe hits.
  const now = new Date().toISOString();
  const ev = (i) => ({
    type: 'track', event: i % 10 ? 'Feature Used' : 'Page Viewed', messageId: '\u0000', timestamp: now, anonymousId: `anon-${i}`, userId: `user-${i % 37}`,
    properties: { feature: `f${i % 7}`, first_use: false },
    context: { page: { url: 'http://127.0.0.1/app', path: '/app', title: 'App' }, library: { name: 'sabu', version: '0.1.0' }, locale: 'en-US', sessionId: randomUUID() },
  });
  const parts = JSON.stringify({ batch: Array.from({ length: BATCH }, (_, i) => ev(i)), sentAt: now, writeKey: WRITE_KEY }).split('\\u0000');
  const bodyBytes = parts.join('x'.repeat(36)).length;
  let seq = 0;
  const load = (duration) => autocannon({
    url: `${url}/v1/batch`,
    connections: CONNECTIONS,
    duration,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => {
          let body = parts[0];
          const base = `${process.pid.toString(36)}-${(seq++).toString(36)}-`;
          for (let i = 1; i < parts.length; i++) body += base + i + parts[i];
          return { ...req, body };
        },
      },
    ],
  });
  // Warm-up (JIT, DuckDB caches), not measured.
  const warm = await load(Math.min(2, DURATION));
  const cpu0 = childCpuMs(child.pid);
  const run = await load(DURATION);
  const serverCpuMs = childCpuMs(child.pid) - cpu0;
  child.kill('SIGTERM');
  await new Promise((r) => child.on('exit', r));
  const store = await createDuckDBStore(db, { readOnly: true });
  const stored = await store.countEvents('bench');
  await store.close();
  const ok = run['2xx'];
  const warmEvents = warm['2xx'] * BATCH;
  const r = {
    connections: CONNECTIONS,
    durationS: DURATION,
    batchEvents: BATCH,
    bodyBytes,
    requestsPerS: Math.round(run.requests.average),
    eventsPerS: Math.round((ok * BATCH) / DURATION),
    latencyMs: { p50: run.latency.p50, p90: run.latency.p90, p99: run.latency.p99, max: run.latency.max },
    // Events per second of collector CPU: what one core would sustain, whatever else runs.
    eventsPerCpuS: serverCpuMs > 0 ? Math.round((ok * BATCH) / (serverCpuMs / 1000)) : null,
    acknowledged: ok * BATCH,
    // Includes the warm-up's events and batches still in flight when the run stopped.
    stored: stored - warmEvents,
    non2xx: run.non2xx,
    errors: run.errors,
  };
  log(`\ningest (${CONNECTIONS} connections, ${DURATION} s, ${BATCH}-event batches of ${Math.round(bodyBytes / 1024)} KB, ${results.machine.cpus} cores)`);
  log(`  ${r.requestsPerS} requests/s = ${r.eventsPerS} events/s; latency p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms, max ${r.latencyMs.max} ms`);
  log(`  collector CPU: ${r.eventsPerCpuS ?? 'n/a'} events per CPU-second`);
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
async function benchReports(n) {
  const db = join(dir, `reports-${n}.duckdb`);
  const store = await createDuckDBStore(db);
  const asOf = Date.parse('2026-03-01T00:00:00Z');
  const t0 = performance.now();
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
  await store.querySql('CHECKPOINT');
  const loadS = (performance.now() - t0) / 1000;
  const config = collectorConfigSchema.parse({ projects: [{ id: 'bench', writeKeys: [WRITE_KEY], readKeys: ['rk_bench_0001_secret'] }] });
  const project = config.projects[0];
  // Wall time depends on what else the machine runs; CPU time (this process, DuckDB's
  // threads included) is the steadier figure on a shared machine.
  const out = { events: n, users: Math.ceil(n / 50), loadS: Math.round(loadS * 10) / 10, latencyMs: {}, cpuMs: {} };
  for (const [label, name, params] of [
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
      await runReport(store, config, project, name, { asOf: '2026-03-01T00:00:00Z', ...params });
      times.push(performance.now() - t);
      const d = process.cpuUsage(c);
      cpu.push((d.user + d.system) / 1000);
    }
    times.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    out.latencyMs[label] = Math.round(times[1]);
    out.cpuMs[label] = Math.round(cpu[1]);
  }
  await store.close();
  rmSync(db, { force: true });
  log(`\nreports on ${n.toLocaleString('en')} events (${out.users.toLocaleString('en')} users; generated in ${out.loadS} s), median of 3, load average ${loadavg()[0].toFixed(1)}:`);
  for (const [k, v] of Object.entries(out.latencyMs)) log(`  ${k.padEnd(28)} ${String(v).padStart(6)} ms wall  ${String(out.cpuMs[k]).padStart(6)} ms CPU`);
  return out;
}
