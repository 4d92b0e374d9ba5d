// `npm start`: the full Sabu demo on this machine.
//   - the collector (ingest, reports, dashboard) on DuckDB, in .data/demo.duckdb
//   - examples/saas-app, a small SaaS app instrumented with the SDK (script tag)
//   - examples/basic, the script-tag basics, its batches printed here
//   - examples/esm, the same from ES modules
// Flags: --demo-data (load clearly labelled synthetic users into an empty database),
// --demo-users N (default 3000), --fresh (start from an empty database), --collector-port N, --app-port N,
// --basic-port N (0 = any free port), --data-dir DIR. Runs until Ctrl-C.
import { createServer, request } from 'node:http';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { collectorConfigSchema, createDuckDBStore, generateDemoData, startCollector } from '../packages/collector/dist/index.js';
import { serveSaasApp } from './saas-app/serve.mjs';

const { values: flags } = parseArgs({
  options: {
    'demo-data': { type: 'boolean' },
    fresh: { type: 'boolean' },
    'collector-port': { type: 'string' },
    'app-port': { type: 'string' },
    'basic-port': { type: 'string' },
    'data-dir': { type: 'string' },
    'demo-users': { type: 'string' },
  },
});
const COLLECTOR_PORT = Number(flags['collector-port'] ?? process.env.SABU_PORT ?? 4318);
const APP_PORT = Number(flags['app-port'] ?? process.env.PORT ?? 8080);
const BASIC_PORT = Number(flags['basic-port'] ?? 8081);
const DATA_DIR = flags['data-dir'] ?? '.data';
// Fixed so the printed dashboard link works across restarts; fine for a local demo only.
const WRITE_KEY = 'demo_write_key_local';
const READ_KEY = 'demo_read_key_local';
const DATABASE = join(DATA_DIR, 'demo.duckdb');

try {
  await main();
} catch (err) {
  if (err?.code == 'EADDRINUSE') console.error(`[sabu demo] port ${err.port} is in use: stop the other process, or pick ports with --collector-port / --app-port / --basic-port.`);
  else if (/lock/i.test(String(err?.message))) console.error(`[sabu demo] ${DATABASE} is open in another process (another demo?): stop it, or use --data-dir.`);
  else console.error('[sabu demo]', err);
  process.exit(1);
}

async function main() {
  if (flags.fresh) await rm(DATABASE, { force: true }).then(() => rm(`${DATABASE}.wal`, { force: true }));
  // The app servers listen first: the collector's CORS allow-list needs their origins.
  const basic = await serveBasic(BASIC_PORT);
  const appProbe = await serveSaasApp({ endpoint: '', writeKey: WRITE_KEY, port: APP_PORT });
  const appPort = Number(new URL(appProbe.url).port);
  await appProbe.close();

  const config = collectorConfigSchema.parse({
    host: '127.0.0.1',
    port: COLLECTOR_PORT,
    database: DATABASE,
    projects: [
      {
        id: 'demo',
        name: 'Sabu demo',
        writeKeys: [WRITE_KEY],
        readKeys: [READ_KEY],
        origins: [`http://127.0.0.1:${appPort}`, `http://localhost:${appPort}`],
        valueEvent: 'Report Published',
      },
    ],
  });
  const store = await createDuckDBStore(config.database);
  if (flags['demo-data']) {
    if ((await store.countEvents('demo')) == 0) {
      const users = Number(flags['demo-users'] ?? 3000);
      const rows = generateDemoData({ projectId: 'demo', users, weeks: 8 });
      for (let i = 0; i < rows.length; i += 20_000) await store.insertEvents(rows.slice(i, i + 20_000));
      console.log(`Loaded ${rows.length} SYNTHETIC demo events (${users} users "demo-user-…", 8 weekly cohorts).`);
    } else {
      console.log('The demo database already has events: synthetic data not loaded (use --fresh to start over).');
    }
  }
  const collector = await startCollector(config, { store, handleSignals: true });
  basic.target = collector.url;
  const app = await serveSaasApp({ endpoint: `${collector.url}/v1/batch`, writeKey: WRITE_KEY, port: appPort });

  const dashboard = `${collector.url}/dashboard/?key=${READ_KEY}#/ttv`;
  console.log(`
Sabu demo is running (Ctrl-C to stop).

  Example SaaS app   ${app.url}/          sign up, follow the checklist, publish a report, answer the NPS prompt
  Basic example      ${basic.url}/          script-tag basics; batches are printed below
  ES module example  ${basic.url}/esm/
  Dashboard          ${dashboard}
  Collector          ${collector.url}  (POST /v1/batch, GET /v1/reports/ttv, /healthz)
  Database           ${DATABASE}

  In another terminal: npx sabu report ttv --by plan --url ${collector.url} --key ${READ_KEY}
${flags['demo-data'] ? '' : '  Tip: npm start -- --demo-data  loads synthetic users so every report has data at once.\n'}`);
  const stop = () => Promise.all([app.close(), new Promise((r) => basic.server.close(r))]);
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/**
 * examples/basic, served with the SDK, and its same-origin /v1/batch forwarded to the
 * collector, printing each batch as it passes (what `npm start` showed before the collector).
 */
async function serveBasic(port) {
  const files = {
    '/': ['examples/basic/index.html', 'text/html; charset=utf-8'],
    '/settings': ['examples/basic/index.html', 'text/html; charset=utf-8'],
    '/sabu.min.js': ['packages/sdk/dist/sabu.min.js', 'text/javascript'],
    '/sabu.min.js.map': ['packages/sdk/dist/sabu.min.js.map', 'application/json'],
    '/esm/': ['examples/esm/index.html', 'text/html; charset=utf-8'],
  };
  /** The ES module example loads the built ESM files through an import map. */
  const esm = [
    ['/esm/sdk/', 'packages/sdk/dist/'],
    ['/esm/schema/', 'packages/schema/dist/'],
    ['/esm/idb-keyval/', 'node_modules/idb-keyval/dist/'],
  ];
  const state = { target: '', url: '', server: null };
  state.server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (req.method == 'POST' && path == '/v1/batch') {
      const chunks = [];
      for await (const c of req) chunks.push(c);
      const raw = Buffer.concat(chunks);
      printBatch(raw, req.headers);
      const headers = { ...req.headers };
      delete headers.host;
      delete headers.origin;
      const fwd = request(`${state.target}/v1/batch`, { method: 'POST', headers }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      fwd.on('error', () => res.writeHead(503, { 'Retry-After': '5' }).end());
      fwd.end(raw);
      return;
    }
    // The examples have no icon: answer the browser's automatic request without a 404.
    if (path == '/favicon.ico') return void res.writeHead(204).end();
    const mount = esm.find(([prefix]) => path.startsWith(prefix) && !path.includes('..'));
    const file =
      files[path] ??
      (mount && [mount[1] + path.slice(mount[0].length), 'text/javascript']) ??
      (/^\/[\w.-]+\.js$/.test(path) ? [`packages/sdk/dist${path}`, 'text/javascript'] : null);
    if (!file) return void res.writeHead(404).end('not found');
    try {
      res.writeHead(200, { 'Content-Type': file[1] }).end(await readFile(file[0]));
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve, reject) => {
    state.server.once('error', reject);
    state.server.listen(port, '127.0.0.1', resolve);
  });
  state.url = `http://127.0.0.1:${state.server.address().port}`;
  return state;
}

function printBatch(raw, headers) {
  try {
    const body = JSON.parse((headers['content-encoding'] == 'gzip' ? gunzipSync(raw) : raw).toString('utf8'));
    console.log(`batch of ${body.batch.length} from the basic example (${headers['content-encoding'] ?? 'uncompressed'}, ${headers['content-type']}):`);
    for (const m of body.batch) {
      console.log(`  ${m.timestamp}  ${String(m.type).padEnd(8)} ${m.event ?? m.name ?? ''}  user=${m.userId ?? '-'} anon=${String(m.anonymousId).slice(0, 8)} ${JSON.stringify(m.properties ?? m.traits ?? {})}`);
    }
  } catch {
    console.log('a batch that is not valid JSON (the collector will answer 400)');
  }
}
