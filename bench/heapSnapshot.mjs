#!/usr/bin/env node
/**
 * What a target's heap holds, by kind, from DevTools heap snapshots in Chromium (issue 19's
 * heap figures, explained). Two modes, after a build:
 *
 *   node bench/heapSnapshot.mjs --phase init [--targets floor,sabu]
 *     the heap 0.5 s after ready, after a forced GC: each target's total by node type, and
 *     the largest differences of the second target against the first.
 *   node bench/heapSnapshot.mjs --phase delivery [--target sabu] [--events 10000]
 *     figure 3's burst, then every event delivered: only the objects allocated since the
 *     snapshot before the burst that are still alive, by node type and name.
 *
 * "code" is V8's compiled code (bytecode, machine code, feedback); "native" is the browser's
 * bindings and DOM. Figures are self sizes, in KB.
 */
import { parseArgs } from 'node:util';
import { launch } from './lib/browser.mjs';
import { newRun, openTarget, sleep, waitForEvents } from './lib/openTarget.mjs';
import { startBenchServer } from './lib/server.mjs';
import { TARGETS, pageFor, staticFiles } from './lib/targets.mjs';

const { values: args } = parseArgs({ options: { phase: { type: 'string', default: 'init' }, targets: { type: 'string' }, target: { type: 'string' }, events: { type: 'string', default: '10000' }, top: { type: 'string', default: '25' } } });
const ids = (args.targets ?? args.target ?? (args.phase == 'init' ? 'floor,sabu' : 'sabu')).split(',');
const targets = ids.map((id) => TARGETS.find((t) => t.id == id) ?? fail(`no target ${id}`));
const top = Number(args.top);
const kb = (n) => (n / 1024).toFixed(1).padStart(8);

function fail(text) {
  console.error(`heapSnapshot: ${text}`);
  process.exit(2);
}

/** A snapshot after a forced GC: id -> [type, name, self size]. */
async function snapshot(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  let json = '';
  const take = (e) => (json += e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', take);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', take);
  const h = JSON.parse(json);
  const { node_fields: fields, node_types: [types], edge_fields: efields } = h.snapshot.meta;
  const [ti, ni, si, ii, ei] = ['type', 'name', 'self_size', 'id', 'edge_count'].map((f) => fields.indexOf(f));
  const nodes = new Map();
  // Who holds each node (by node id), for telling which function a piece of code belongs to.
  const holders = new Map();
  const idAt = (index) => h.nodes[index + ii];
  for (let i = 0, e = 0; i < h.nodes.length; i += fields.length) {
    nodes.set(h.nodes[i + ii], [types[h.nodes[i + ti]], h.strings[h.nodes[i + ni]], h.nodes[i + si]]);
    for (let k = 0; k < h.nodes[i + ei]; k++, e += efields.length) {
      const to = idAt(h.edges[e + 2]);
      (holders.get(to) ?? holders.set(to, []).get(to)).push(h.nodes[i + ii]);
    }
  }
  nodes.holders = holders;
  // Where each function is defined (script id:line:column), to tell same-named ones apart.
  nodes.at = new Map();
  const loc = h.snapshot.meta.location_fields ?? [];
  for (let i = 0; i < (h.locations?.length ?? 0); i += loc.length) nodes.at.set(idAt(h.locations[i]), h.locations.slice(i + 1, i + loc.length).join(':'));
  return nodes;
}

/**
 * The function a piece of compiled code belongs to: the nearest holder that is a function
 * (closure) or its shared info, a few steps up. '?' when none is that near.
 */
function ownerOf(nodes, id) {
  let level = [id];
  const seen = new Set(level);
  for (let depth = 0; depth < 4 && level.length; depth++) {
    const next = [];
    for (const x of level) {
      for (const hId of nodes.holders.get(x) ?? []) {
        if (seen.has(hId)) continue;
        seen.add(hId);
        const [type, name] = nodes.get(hId) ?? [];
        if (type == 'closure') return `${name || '(anonymous)'} @${nodes.at.get(hId) ?? '?'}`;
        const m = /^system \/ SharedFunctionInfo \/ (.*)$/.exec(name ?? '');
        if (m) return m[1] || '(anonymous)';
        next.push(hId);
      }
    }
    level = next;
  }
  return '?';
}

/** Self sizes summed by type and by "type: name" (strings by type only: their name is their text). */
function sums(nodes, skip = new Map()) {
  const byType = new Map();
  const byName = new Map();
  for (const [id, [type, name, size]] of nodes) {
    if (skip.has(id)) continue;
    byType.set(type, (byType.get(type) ?? 0) + size);
    const key = `${type}: ${/string/.test(type) ? '' : name.slice(0, 60)}`;
    byName.set(key, (byName.get(key) ?? 0) + size);
  }
  return { byType, byName };
}

const sorted = (m) => [...m].sort((a, b) => b[1] - a[1]);
const server = await startBenchServer({ files: staticFiles(targets), page: (id, q, origin) => { const t = targets.find((x) => x.id == id); return t ? pageFor(t, q.get('run') ?? '', origin) : null; } });
const browser = await launch();
try {
  if (args.phase == 'init') {
    const all = [];
    for (const t of targets) {
      const s = await openTarget(browser, server, t, newRun(t, 'heap'));
      if (!s.ready) fail(`${t.id} not ready`);
      await sleep(500);
      await s.cdp.send('HeapProfiler.enable');
      all.push(sums(await snapshot(s.cdp)));
      await s.close();
    }
    console.log(`JS heap 0.5 s after ready, by node type (KB): ${ids.join(' | ')}`);
    for (const type of new Set(all.flatMap((a) => [...a.byType.keys()]))) console.log(type.padEnd(22) + all.map((a) => kb(a.byType.get(type) ?? 0)).join(''));
    if (all.length > 1) {
      const [a, b] = all;
      const diff = new Map([...new Set([...a.byName.keys(), ...b.byName.keys()])].map((k) => [k, (b.byName.get(k) ?? 0) - (a.byName.get(k) ?? 0)]));
      console.log(`\nLargest differences, ${ids[1]} minus ${ids[0]} (KB):`);
      for (const [k, v] of sorted(diff).slice(0, top)) console.log(kb(v), k);
    }
  } else if (args.phase == 'delivery') {
    const [t] = targets;
    const n = Number(args.events);
    const run = newRun(t, 'heap');
    const s = await openTarget(browser, server, t, run);
    if (!s.ready) fail(`${t.id} not ready`);
    await sleep(500);
    await s.cdp.send('HeapProfiler.enable');
    const before = await snapshot(s.cdp);
    const w = server.startWindow(run);
    await s.page.evaluate(([run, n]) => { for (let i = 0; i < n; i++) __b.track('Bench Event', { bench_run: run, bench_n: i, plan: 'pro', seats: 3, trial: false }); }, [run, n]);
    await waitForEvents(server, n, 60_000, { quietMs: 3000 });
    await sleep(1000);
    const after = await snapshot(s.cdp);
    const { byType, byName } = sums(after, before);
    await s.close();
    // Compiled code by the function it belongs to (minified names: see the build's source map).
    const byFn = new Map();
    for (const [id, [type, , size]] of after) {
      if (before.has(id) || type != 'code') continue;
      const fn = ownerOf(after, id);
      byFn.set(fn, (byFn.get(fn) ?? 0) + size);
    }
    console.log(`${t.id}: ${w.seen.size} of ${n} events delivered; alive now and allocated since before the burst, by node type (KB):`);
    for (const [k, v] of sorted(byType)) console.log(kb(v), k);
    console.log('\nLargest (KB):');
    for (const [k, v] of sorted(byName).slice(0, top)) console.log(kb(v), k);
    console.log('\nCompiled code by function (KB):');
    for (const [k, v] of sorted(byFn).slice(0, top)) console.log(kb(v), k);
  } else fail(`--phase init or delivery, not ${args.phase}`);
} finally {
  await browser.close();
  await server.close?.();
}
process.exit(0);
