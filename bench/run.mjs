#!/usr/bin/env node
/**
 * `npm run bench`: Sabu side by side with its peers in one run, on one machine, in real
 * headless Chromium against a local collector. See bench/README.md.
 */
import { execFileSync, execSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem, type } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from './lib/args.mjs';
import { launch } from './lib/browser.mjs';
import { bundleIife } from './lib/bundle.mjs';
import { runCollectorBench } from './lib/collectorBench.mjs';
import { ensurePeers } from './lib/deps.mjs';
import { closeAllContexts } from './lib/openTarget.mjs';
import { measureDelivery } from './lib/phases/delivery.mjs';
import { EXIT_KINDS, measureExit } from './lib/phases/exit.mjs';
import { sizeOf } from './lib/phases/size.mjs';
import { measureStartup } from './lib/phases/startup.mjs';
import { measureTour } from './lib/phases/tour.mjs';
import { measureTrack } from './lib/phases/track.mjs';
import { collectorLines, goals, markdown, notAhead, table, uiTable } from './lib/report.mjs';
import { TOUR_NOTE, tourGoals, tourNotAhead, tourTable } from './lib/tourReport.mjs';
import { TOUR_LIBS, tourPage } from './lib/tourLibs.mjs';
import { startBenchServer } from './lib/server.mjs';
import { rotate } from './lib/stats.mjs';
import { BENCH, ROOT, TARGETS, UI_PEERS, pageFor, sabuVariant, staticFiles, versionOf } from './lib/targets.mjs';

const opts = parseArgs(process.argv.slice(2));
const s = opts.settings;
const targets = [
  ...TARGETS.filter((t) => !opts.targets || opts.targets.includes(t.id)),
  ...opts.variants.map((v) => sabuVariant(v.name, resolve(v.dir))),
];
// Figure 7 (tours) has its own line-up: Sabu, driver.js and Shepherd.
const tourLibs = opts.phases.includes('tour') ? TOUR_LIBS.filter((l) => !opts.targets || opts.targets.includes(l.id)) : [];
if (opts.targets) {
  const known = [...new Set([...TARGETS, ...TOUR_LIBS].map((t) => t.id))];
  const unknown = opts.targets.filter((id) => !known.includes(id));
  if (unknown.length) {
    console.error(`bench: unknown target(s) ${unknown.join(', ')}; known: ${known.join(', ')}`);
    process.exit(2);
  }
}
const withPeers = targets.some((t) => t.peer) || tourLibs.some((l) => l.peer);
const log = (...a) => console.error(...a);

if (withPeers) ensurePeers();
if (opts.build && [...targets, ...tourLibs].some((t) => t.id == 'sabu') && !distIsFresh()) {
  log('bench: npm run build …');
  execSync('npm run build', { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

// Figure 1: sizes (no browser needed).
const size = { core: {}, ui: {} };
for (const t of targets) {
  const r = sizeOf([t.script]);
  if (!r) throw new Error(`bench: ${t.name}: ${relative(ROOT, t.script)} is missing${t.id == 'sabu' ? ' (npm run build)' : ''}`);
  size.core[t.id] = { raw: r.raw, gzip: r.gzip, brotli: r.brotli, file: relative(ROOT, t.script) };
}
const sabuUi = TARGETS.find((t) => t.id == 'sabu').ui;
size.ui['Sabu UI'] = sabuUi.files.length
  ? { files: sabuUi.files.map((f) => relative(ROOT, f)).join(', '), size: sizeOf(sabuUi.files) }
  : { note: 'not built yet (no packages/ui/dist)' };
if (withPeers) {
  const ph = TARGETS.find((t) => t.id == 'posthog');
  size.ui[`PostHog ${versionOf(ph)} ${ph.ui.label}`] = { files: ph.ui.files.map((f) => relative(BENCH, f)).join(', '), size: sizeOf(ph.ui.files) };
  for (const u of UI_PEERS) {
    if (u.bundle) await bundleIife(u.bundle, u.files[0]);
    size.ui[`${u.name} ${versionOf(u)}`] = { files: u.files.map((f) => relative(BENCH, f)).join(', '), size: sizeOf(u.files) };
  }
}

// Figure 7, sizes: what each library loads for a tour (Sabu: beyond sabu.min.js, on demand).
size.tour = {};
for (const l of tourLibs) {
  if (l.bundle) await bundleIife(l.bundle, l.files[0].file);
  const bytes = (files) => {
    const r = sizeOf(files);
    return r && { raw: r.raw, gzip: r.gzip, brotli: r.brotli };
  };
  size.tour[l.id] = { parts: l.files.map((f) => ({ label: f.label, file: relative(ROOT, f.file), ...bytes([f.file]) })), total: bytes(l.files.map((f) => f.file)) };
}

const server = await startBenchServer({
  files: new Map([...staticFiles(targets), ...tourLibs.flatMap((l) => [...l.served])]),
  page: (id, query, origin) => {
    const lib = id.startsWith('tour-') && tourLibs.find((l) => 'tour-' + l.id == id);
    if (lib) return tourPage(lib, origin);
    const t = targets.find((x) => x.id == id);
    return t ? pageFor(t, query.get('run') ?? '', origin, { inline: query.has('inline') }) : null;
  },
});
let browser = await launch();
const chromium = browser.version();

/** One measurement, bounded: a hung peer is recorded as failed and the run goes on. */
async function measure(label, fn, limitMs) {
  if (!browser.isConnected()) browser = await launch();
  let timer;
  try {
    return await Promise.race([
      fn(browser),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${limitMs / 1000} s`)), limitMs))),
    ]);
  } catch (err) {
    log(`  ${label}: ${err.message.split('\n')[0]}`);
    await closeAllContexts();
    return { failed: err.message.split('\n')[0] };
  } finally {
    clearTimeout(timer);
  }
}

const results = { startup: {}, track: {}, delivery: {}, exit: {}, tour: {} };
const push = (bucket, id, r) => (bucket[id] ??= []).push(r);
const started = Date.now();
const brief = (r) =>
  JSON.stringify(r, (k, v) => (typeof v == 'number' && !Number.isInteger(v) ? Number(v.toFixed(2)) : v)).slice(0, 240);

const phases = [
  ['startup', (b, t) => measureStartup(b, server, t), 60_000, results.startup],
  ['track', (b, t) => measureTrack(b, server, t, { ...s.track, quietMs: s.quietMs }), s.track.deadlineMs + 90_000, results.track],
  ['delivery', (b, t) => measureDelivery(b, server, t, { ...s.delivery, quietMs: s.quietMs, graceMs: s.graceMs }), s.delivery.deadlineMs + 30_000, results.delivery],
  ...EXIT_KINDS.map((kind) => [
    'exit ' + kind,
    (b, t) => measureExit(b, server, t, kind, { n: s.exit.n, deadlineMs: s.exit.deadlineMs[kind], quietMs: s.quietMs }),
    s.exit.deadlineMs[kind] + 30_000,
    (results.exit[kind] = {}),
  ]),
  ['tour', (b, lib) => measureTour(b, server, lib), 90_000, results.tour, tourLibs],
].filter(([name]) => opts.phases.includes(name.split(' ')[0]));
for (const [name, fn, limit, bucket, list = targets] of phases) {
  for (let r = 0; r < s.rounds; r++) {
    for (const t of rotate(list, r)) {
      const t0 = Date.now();
      const res = await measure(`${name} ${t.id}`, (b) => fn(b, t), limit);
      push(bucket, t.id, res);
      log(`bench: ${name} round ${r + 1}/${s.rounds} ${t.id} (${((Date.now() - t0) / 1000).toFixed(1)} s) ${brief(res)}`);
    }
  }
}
const blockedSeen = server.otherRequests();

// Figure 1, second part: what start-up actually fetched (the file plus chunks the SDK loaded itself).
const files = staticFiles(targets);
for (const t of targets) {
  const paths = [...new Set((results.startup[t.id] ?? []).flatMap((r) => r?.scripts ?? []))].filter((p) => files.has(p));
  const r = paths.length ? sizeOf(paths.map((p) => files.get(p))) : null;
  if (r) Object.assign(size.core[t.id], { startRaw: r.raw, startGzip: r.gzip, startBrotli: r.brotli, startFiles: paths });
}
await browser.close();
await server.close();

const collector = opts.collector && !opts.targets ? runCollectorBench({ quick: opts.quick }) : null;

const commit = (() => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
})();

const report = {
  date: new Date().toISOString(),
  command: 'npm run bench' + (process.argv.length > 2 ? ' -- ' + process.argv.slice(2).join(' ') : ''),
  commit,
  seconds: Math.round((Date.now() - started) / 1000),
  settings: { ...s, phases: opts.phases },
  machine: {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memGB: Math.round(totalmem() / 2 ** 30),
    os: `${type()} ${release()}`,
    node: process.versions.node,
    chromium,
  },
  targets: targets.map((t) => ({ id: t.id, name: t.name, peer: t.peer, version: versionOf(t), script: relative(ROOT, t.script) })),
  tourLibs: tourLibs.map((l) => ({ id: l.id, name: l.name, peer: l.peer, version: versionOf(l) })),
  size,
  ...results,
  collector,
  otherRequests: [...new Set(blockedSeen)],
};
// With --phases tour alone, figures 1-5 were not measured: their goals and gaps are not reported.
const sdkRan = opts.phases.some((p) => p != 'tour');
report.notAhead = [...(sdkRan ? notAhead(report) : []), ...tourNotAhead(report)];
report.goals = [...(sdkRan ? goals(report) : []), ...tourGoals(report)];
report.notes = [
  'Sizes: gzip level 9 and brotli quality 11 of the file a script-tag user loads at start, computed by the bench.',
  'Blocking evaluation: the SDK\'s code inlined in the page, timed between two marks (parse, compile, run; no download). EvaluateScript: the main thread\'s EvaluateScript trace events for the file loaded by its script tag, from a separate traced load.',
  'init → ready: from the init call to the SDK\'s own ready signal (PostHog `loaded`, Segment `load()` resolved, Amplitude `init().promise`, Mixpanel `loaded`); Sabu, Snowplow and the floor have no asynchronous start-up, so ready is when init returns.',
  'Heap: V8 used heap after a forced GC, read over the DevTools protocol. Main-thread time: the renderer\'s TaskDuration, minus the forced GCs.',
  'Body bytes are the request bodies as sent (compressed where the SDK compresses); wire bytes add the request line and headers. Events are counted once per distinct event, by a marker in its properties, whatever the format; duplicates are counted apart.',
  'Every peer was pointed at the bench collector with autocapture, automatic page views, session replay, surveys and remote configuration off. All targets run with the same non-headless user agent string (PostHog drops "HeadlessChrome" traffic; it also gets opt_out_useragent_filter).',
  "PostHog's client-side rate limiter (10 events/s, bursts of 100) is raised for the bench: with its defaults PostHog drops on purpose most of a burst (about 110 of 1,000 arrive); what is compared here is the delivery path.",
  'Requests to anything but 127.0.0.1 are aborted by route interception' + (blockedCount(results) ? `; blocked in this run: ${blockedCount(results)}` : '; none were attempted in this run') + '.',
  'Page exit: 50 track() calls and, in the same task, location.href = …, location.reload(), or window.close() (the bench opens the tab with window.open); events are counted until all arrived or the wait ends. After a reload an SDK may send what it stored: that counts as arrived.',
];
if (tourLibs.length) report.notes.push(TOUR_NOTE);
for (const t of targets) {
  const f = size.core[t.id].startFiles;
  if (f?.length > 1) report.notes.push(`${t.name} fetched at start-up: ${f.map((p) => p.split('/').pop()).join(', ')} (all counted in "all JS fetched by start-up").`);
}
const outDir = opts.out ? resolve(opts.out) : join(BENCH, 'results');
mkdirSync(outDir, { recursive: true });
const md = markdown(report);
writeAtomically(join(outDir, 'latest.json'), JSON.stringify(report, null, 2) + '\n');
writeAtomically(join(outDir, 'latest.md'), md);
if (sdkRan) console.log(`\n${table(report)}\n\n${uiTable(report)}\n`);
if (tourLibs.length) console.log(`${tourTable(report)}\n`);
console.log('Where Sabu is not ahead yet:\n' + (report.notAhead.map((l) => '  - ' + l).join('\n') || '  (nowhere)'));
console.log(`\nGoals: ${report.goals.filter((g) => g.met).length} of ${report.goals.length} met:`);
for (const g of report.goals) console.log(`  ${g.met ? 'met ' : 'NOT '} ${g.goal}: ${g.measured}`);
console.log('\nFigure 6 (collector):\n' + collectorLines(collector).join('\n'));
console.log(`Written: ${relative(process.cwd(), join(outDir, 'latest.md'))} and latest.json (${report.seconds} s).`);

function blockedCount(r) {
  let n = 0;
  for (const bucket of [r.startup, r.track, r.delivery, r.tour, ...Object.values(r.exit)]) for (const list of Object.values(bucket)) for (const x of list) n += x?.blocked ?? 0;
  return n;
}

/** True when sabu.min.js is newer than every source file it is built from. */
function distIsFresh() {
  const built = join(ROOT, 'packages/sdk/dist/sabu.min.js');
  if (!existsSync(built)) return false;
  const newest = (dir) =>
    existsSync(dir) ? Math.max(0, ...readdirSync(dir, { recursive: true }).map((f) => statSync(join(dir, f)).mtimeMs)) : 0;
  const sources = ['packages/sdk/src', 'packages/ui/src', 'packages/schema/src'].map((d) => newest(join(ROOT, d)));
  const configs = ['rollup.config.mjs', 'packages/sdk/package.json'].map((f) => (existsSync(join(ROOT, f)) ? statSync(join(ROOT, f)).mtimeMs : 0));
  return statSync(built).mtimeMs > Math.max(...sources, ...configs);
}

function writeAtomically(file, text) {
  writeFileSync(file + '.tmp', text);
  renameSync(file + '.tmp', file);
}
