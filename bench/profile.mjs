#!/usr/bin/env node
/**
 * A CPU profile of Sabu's 10,000-event burst (figure 3) in Chromium: the track() loop and
 * every task until the collector has every event. Prints the self time by function and
 * by category, and writes the .cpuprofile (open it in DevTools' Performance panel).
 *
 *   node bench/profile.mjs [--target sabu] [--events 10000] [--out /tmp/burst.cpuprofile]
 */
import { writeFileSync } from 'node:fs';
import { launch } from './lib/browser.mjs';
import { newRun, openTarget, sleep, waitForEvents, SETTLE_AFTER_READY_MS } from './lib/openTarget.mjs';
import { startBenchServer } from './lib/server.mjs';
import { TARGETS, pageFor, staticFiles } from './lib/targets.mjs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf('--' + name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const t = TARGETS.find((x) => x.id == arg('target', 'sabu'));
const n = Number(arg('events', 10_000));
const out = arg('out', '/tmp/burst.cpuprofile');

const server = await startBenchServer({ files: staticFiles([t]), page: (id, q, origin) => (id == t.id ? pageFor(t, q.get('run') ?? '', origin) : null) });
const browser = await launch();
const run = newRun(t, 'profile');
const s = await openTarget(browser, server, t, run);
await sleep(SETTLE_AFTER_READY_MS);
const w = server.startWindow(run);
await s.cdp.send('Profiler.enable');
await s.cdp.send('Profiler.setSamplingInterval', { interval: Number(arg('interval', 1000)) });
await s.cdp.send('Profiler.start');
await s.page.evaluate(([run, n]) => {
  for (let i = 0; i < n; i++) __b.track('Bench Event', { bench_run: run, bench_n: i, plan: 'pro', seats: 3, trial: false });
}, [run, n]);
const all = await waitForEvents(server, n, 60_000, {});
const { profile } = await s.cdp.send('Profiler.stop');
writeFileSync(out, JSON.stringify(profile));
console.log(`delivered ${w.seen.size} of ${n} (${all ? 'all' : 'not all'}), ${w.requests} requests; profile in ${out}`);

// Self time per function (samples × interval).
const byId = new Map(profile.nodes.map((nd) => [nd.id, nd]));
const self = new Map();
const dt = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) {
  const nd = byId.get(profile.samples[i]);
  const f = nd.callFrame;
  const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}`;
  self.set(key, (self.get(key) ?? 0) + (dt[i + 1] ?? 0) / 1000);
}
const rows = [...self].sort((a, b) => b[1] - a[1]);
const total = rows.filter(([k]) => !k.startsWith('(idle)') && !k.startsWith('(program)')).reduce((a, [, v]) => a + v, 0);
console.log(`busy (not idle/program) ${total.toFixed(1)} ms`);
for (const [k, v] of rows.slice(0, 40)) console.log(v.toFixed(1).padStart(8), k);
await browser.close();
await server.close();
