// `npm run example:next`: the Next.js App Router example, built with `next build` and run
// with `next start`, sending to the reference collector (in memory) on 127.0.0.1, which
// prints each event it stored. The e2e test (tests/e2e/next.test.ts) runs the same code.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { collectorConfigSchema, createDuckDBStore, startCollector } from '../../packages/collector/dist/index.js';
import { sourceHash } from './sourceHash.mjs';

const DIR = fileURLToPath(new URL('.', import.meta.url));
const NEXT = fileURLToPath(new URL('../../node_modules/next/dist/bin/next', import.meta.url));
const OFFLINE = new URL('./offline.mjs', import.meta.url).href;
const WRITE_KEY = 'demo_write_key_local';
const READ_KEY = 'demo_read_key_local';

/** Next's environment: nothing leaves this machine (no telemetry, no version check), the build folder to use. */
const nextEnv = (distDir, extra = {}) => ({
  ...process.env,
  NEXT_TELEMETRY_DISABLED: '1',
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${OFFLINE}`.trim(),
  SABU_NEXT_DIST_DIR: distDir,
  ...extra,
});

function run(args, env, quiet, dir = DIR) {
  const child = spawn(process.execPath, [NEXT, ...args], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (c) => ((out += c), quiet || process.stdout.write(c)));
  child.stderr.on('data', (c) => ((out += c), quiet || process.stderr.write(c)));
  return { child, output: () => out };
}

/**
 * `next build` into `distDir` (relative to examples/next), unless the build there was made
 * from the same sources and packages (its stamp holds their hash). Resolves to whether it
 * built; rejects with Next's output when the build fails.
 */
export async function buildNextExample({ distDir = '.next', quiet = false } = {}) {
  const stamp = join(DIR, distDir, 'sabu-source-hash');
  const hash = sourceHash();
  if (existsSync(join(DIR, distDir, 'BUILD_ID')) && existsSync(stamp) && readFileSync(stamp, 'utf8') == hash) {
    if (!quiet) console.log(`The build in examples/next/${distDir} is up to date.`);
    return false;
  }
  const { child, output } = run(['build'], nextEnv(distDir), quiet);
  await new Promise((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`next build failed (exit ${code}):\n${output()}`)))),
  );
  writeFileSync(stamp, hash);
  return true;
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/**
 * Starts the collector (DuckDB in memory, the app's origin allowed) and `next start` on the
 * build in `distDir`, or with `dev`, `next dev` (StrictMode's double effects, Fast Refresh),
 * in `dir` (a copy of examples/next beside it, for a test that edits the app's files).
 * `received` holds every event row the collector stored, in order (with its `context`), and
 * each is printed unless `quiet`.
 */
export async function serveNextExample({ distDir = '.next', port = 0, collectorPort = 0, quiet = false, dev = false, dir = DIR } = {}) {
  const appPort = port || (await freePort());
  const config = collectorConfigSchema.parse({
    host: '127.0.0.1',
    port: collectorPort,
    database: ':memory:',
    projects: [{ id: 'next-example', writeKeys: [WRITE_KEY], readKeys: [READ_KEY], origins: [`http://127.0.0.1:${appPort}`, `http://localhost:${appPort}`] }],
  });
  const store = await createDuckDBStore(config.database);
  const received = [];
  const insertEvents = store.insertEvents.bind(store);
  // The store is the collector's own; this only watches what it is given to keep.
  store.insertEvents = async (rows) => {
    await insertEvents(rows);
    for (const row of rows) {
      received.push(row);
      if (!quiet) console.log(`  ${row.type == 'page' ? `page ${row.pagePath}` : (row.event ?? row.type)}${row.properties && row.type == 'track' ? ' ' + row.properties : ''}`);
    }
  };
  const collector = await startCollector(config, { store, notice: quiet ? () => {} : undefined });
  const next = run([dev ? 'dev' : 'start', '-H', '127.0.0.1', '-p', String(appPort)], nextEnv(distDir, { SABU_ENDPOINT: `${collector.url}/v1/batch`, SABU_WRITE_KEY: WRITE_KEY }), quiet, dir);
  const exited = new Promise((resolve) => next.child.once('exit', resolve));
  const close = async () => {
    if (next.child.exitCode === null && next.child.signalCode === null) next.child.kill('SIGTERM');
    await exited;
    await collector.close(); // closes the store too
  };
  const url = `http://127.0.0.1:${appPort}`;
  try {
    // The first request in development compiles the page: minutes on a busy 2-core machine.
    await untilUp(url, exited, next.output, dev ? 180_000 : 30_000);
  } catch (e) {
    await close();
    throw e;
  }
  return { url, collector: collector.url, readKey: READ_KEY, received, close };
}

/** Resolves once the app answers, rejects if Next.js exits first or takes over `ms`. */
async function untilUp(url, exited, output, ms) {
  let gone = false;
  exited.then(() => (gone = true));
  for (const end = Date.now() + ms; ; ) {
    if (gone) throw new Error(`next exited:\n${output()}`);
    if (Date.now() > end) throw new Error(`next did not answer in ${ms / 1000} s:\n${output()}`);
    try {
      if ((await fetch(url + '/')).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
}

if (import.meta.url == pathToFileURL(process.argv[1] ?? '').href) {
  // `npm run example:next -- --dev`: next dev instead of next build + next start.
  const dev = process.argv.includes('--dev');
  if (!dev) await buildNextExample();
  const s = await serveNextExample({ dev, distDir: dev ? '.next-dev' : '.next', port: Number(process.env.PORT ?? 3000), collectorPort: Number(process.env.SABU_PORT ?? 4318), quiet: false });
  console.log(`\nNext.js example: ${s.url}/\nCollector: ${s.collector}  dashboard ${s.collector}/dashboard/?key=${s.readKey}#/live\nEvents are printed below; Ctrl-C to stop.`);
  const stop = () => s.close().then(() => process.exit(0));
  process.once('SIGINT', stop).once('SIGTERM', stop);
}
