import { summarize } from './stats.mjs';
import { tourTable } from './tourReport.mjs';

const KB = 1024;

/**
 * The rows of the table. `better` says which way is good (for "where Sabu is not ahead
 * yet"); `ratio` whether a peer-to-Sabu ratio means something for it.
 */
function rows(s) {
  const n = s.track.n.toLocaleString('en');
  const m = s.delivery.n.toLocaleString('en');
  const e = s.exit.n;
  return [
    { fig: 1, key: 'size.raw', label: 'script, raw (KB)', size: 'raw', better: 'lower', ratio: true },
    { fig: 1, key: 'size.gzip', label: 'script, gzip (KB)', size: 'gzip', better: 'lower', ratio: true },
    { fig: 1, key: 'size.brotli', label: 'script, brotli (KB)', size: 'brotli', better: 'lower', ratio: true },
    { fig: 1, key: 'size.startBrotli', label: 'all JS fetched by start-up, brotli (KB)', size: 'startBrotli', better: 'lower', ratio: true },
    { fig: 2, key: 'startup.blockingEvalMs', label: 'blocking evaluation, code inlined (ms)', phase: 'startup', field: 'blockingEvalMs', better: 'lower', ratio: true },
    { fig: 2, key: 'startup.evaluateScriptMs', label: 'main-thread EvaluateScript, trace (ms)', phase: 'startup', field: 'evaluateScriptMs', better: 'lower', ratio: true },
    { fig: 2, key: 'startup.initMs', label: 'init() call (ms)', phase: 'startup', field: 'initMs', better: 'lower', ratio: true },
    { fig: 2, key: 'startup.initToReadyMs', label: 'init → ready (ms)', phase: 'startup', field: 'initToReadyMs', better: 'lower', ratio: true },
    { fig: 2, key: 'startup.heapAfterInitKB', label: 'JS heap after init, after GC (KB)', phase: 'startup', field: 'heapAfterInitKB', better: 'lower', ratio: true },
    { fig: 3, key: 'track.usPerCall', label: `track(), µs per call (${n} loop)`, phase: 'track', field: 'usPerCall', better: 'lower', ratio: true },
    { fig: 3, key: 'track.mainThreadMs', partial: true, label: `${n}: main-thread time until delivered (ms)`, phase: 'track', field: 'mainThreadMs', better: 'lower', ratio: true },
    { fig: 3, key: 'track.heapAfterLoopKB', label: `${n}: heap growth right after the loop (KB)`, phase: 'track', field: 'heapAfterLoopKB', better: 'lower', ratio: true },
    { fig: 3, key: 'track.heapAfterFlushKB', label: `${n}: heap growth after delivery (KB)`, phase: 'track', field: 'heapAfterFlushKB', better: 'lower', ratio: true },
    { fig: 3, key: 'track.delivered', label: `${n}: events delivered`, phase: 'track', field: 'delivered', better: 'higher' },
    { fig: 3, key: 'track.duplicates', label: `${n}: duplicate events`, phase: 'track', field: 'duplicates', better: 'lower' },
    { fig: 3, key: 'track.settledS', partial: true, label: `${n}: settled after (s)`, phase: 'track', field: 'settledS', better: 'lower', ratio: true },
    { fig: 3, key: 'track.crashed', label: `${n}: tab crashed or hung (rounds)`, phase: 'track', count: (r) => r.crashed || r.hung || !!r.failed, better: 'lower' },
    { fig: 4, key: 'delivery.requests', partial: true, label: `${m} events: requests`, phase: 'delivery', field: 'requests', better: 'lower', ratio: true },
    { fig: 4, key: 'delivery.bodyKB', partial: true, label: `${m} events: body bytes as sent (KB)`, phase: 'delivery', field: 'bodyKB', better: 'lower', ratio: true },
    { fig: 4, key: 'delivery.wireKB', partial: true, label: `${m} events: wire bytes (KB)`, phase: 'delivery', field: 'wireKB', better: 'lower', ratio: true },
    { fig: 4, key: 'delivery.wireBytesPerEvent', partial: true, label: `${m} events: wire bytes per event`, phase: 'delivery', field: 'wireBytesPerEvent', better: 'lower', ratio: true },
    { fig: 4, key: 'delivery.allArrivedMs', partial: true, label: `${m} events: time until all arrived (ms)`, phase: 'delivery', field: 'allArrivedMs', better: 'lower', ratio: true },
    { fig: 4, key: 'delivery.delivered', label: `${m} events: delivered`, phase: 'delivery', field: 'delivered', better: 'higher' },
    { fig: 5, key: 'exit.nav', label: `page exit, of ${e}: navigation`, phase: 'exit.nav', field: 'delivered', better: 'higher' },
    { fig: 5, key: 'exit.reload', label: `page exit, of ${e}: reload`, phase: 'exit.reload', field: 'delivered', better: 'higher' },
    { fig: 5, key: 'exit.close', label: `page exit, of ${e}: tab close`, phase: 'exit.close', field: 'delivered', better: 'higher' },
    { fig: 5, key: 'exit.duplicates', label: `page exit: duplicates (nav / reload / close)`, dupes: true },
    { fig: 5, key: 'exit.requests', label: `page exit: requests (nav / reload / close)`, perKind: 'requests' },
    { fig: 5, key: 'exit.reloadAgain', label: `page exit then reload: requests / events sent again`, phase: 'exit.reload', pair: ['requests', 'duplicates'] },
  ];
}

const roundsOf = (results, phase, id) => (phase.startsWith('exit.') ? results.exit[phase.slice(5)]?.[id] : results[phase]?.[id]) ?? [];

/** Median, range and count of one row for one target. */
export function summarizeRow(row, results, id) {
  if (row.size) {
    const v = results.size.core[id]?.[row.size];
    return v == null ? null : { median: v / KB, min: v / KB, max: v / KB, n: 1, missing: 0 };
  }
  if (row.dupes || row.perKind || row.pair) return null;
  const rounds = roundsOf(results, row.phase, id);
  if (row.count) return { count: rounds.filter(row.count).length, of: rounds.length };
  const s = summarize(rounds.map((r) => r?.[row.field]));
  s.failed = rounds.filter((r) => r?.failed || r?.crashed || r?.hung).length;
  s.why = rounds.some((r) => r?.crashed) ? 'tab crashed' : rounds.some((r) => r?.hung) ? 'hung' : 'failed';
  // A figure about delivering everything means little when not everything arrived.
  s.partial = !!row.partial && rounds.some((r) => r && r.delivered != null && r.delivered < r.n);
  return s;
}

export function fmt(v) {
  if (v == null) return '–';
  const a = Math.abs(v);
  if (Number.isInteger(v) || a >= 100) return Math.round(v).toLocaleString('en');
  if (a >= 10) return v.toFixed(1);
  if (a >= 1) return v.toFixed(2);
  return v.toFixed(3).replace(/0+$/, '').replace(/\.$/, '') || '0';
}

/** Median of one field over the rounds of a phase. */
const medianOf = (results, phase, id, field) => summarize(roundsOf(results, phase, id).map((r) => r?.[field])).median;

function cell(row, results, id, sabu) {
  if (row.dupes || row.perKind) {
    return ['nav', 'reload', 'close'].map((k) => fmt(medianOf(results, 'exit.' + k, id, row.perKind ?? 'duplicates'))).join(' / ');
  }
  if (row.pair) return row.pair.map((f) => fmt(medianOf(results, row.phase, id, f))).join(' / ');
  const s = summarizeRow(row, results, id);
  if (!s) return '–';
  if ('count' in s) return s.of ? `${s.count} of ${s.of}` : '–';
  if (s.median == null) return s.failed ? s.why : 'n/a';
  let out = fmt(s.median);
  if (s.n > 1 && s.min != s.max) out += ` (${fmt(s.min)}–${fmt(s.max)})`;
  if (s.missing) out += ` [${s.missing} missing]`;
  if (s.partial) out += ' †';
  if (row.ratio && id != 'sabu' && sabu?.median && !s.partial) out += ` ×${fmt(s.median / sabu.median)}`;
  return out;
}

/** The results table as Markdown (also what the terminal shows). */
export function table(results) {
  const { targets } = results;
  const head = `| figure | ${targets.map((t) => t.name + (t.version ? ' ' + t.version : '')).join(' | ')} |`;
  const lines = [head, `|---|${targets.map(() => '---').join('|')}|`];
  for (const row of rows(results.settings)) {
    const sabu = summarizeRow(row, results, 'sabu');
    lines.push(`| ${row.fig}. ${row.label} | ${targets.map((t) => cell(row, results, t.id, sabu)).join(' | ')} |`);
  }
  return lines.join('\n');
}

export function uiTable(results) {
  const lines = ['| on-demand UI | files | raw KB | gzip KB | brotli KB |', '|---|---|---|---|---|'];
  for (const [name, s] of Object.entries(results.size.ui)) {
    if (!s.size) lines.push(`| ${name} | ${s.note} | – | – | – |`);
    else lines.push(`| ${name} | ${s.files} | ${fmt(s.size.raw / KB)} | ${fmt(s.size.gzip / KB)} | ${fmt(s.size.brotli / KB)} |`);
  }
  return lines.join('\n');
}

/** Every figure where some peer's median beats Sabu's by more than 5 %, said plainly. */
export function notAhead(results) {
  const out = [];
  const peers = results.targets.filter((t) => t.peer);
  for (const row of rows(results.settings)) {
    if (!row.better) continue;
    const sabu = summarizeRow(row, results, 'sabu');
    const value = (s) => (s == null ? null : 'count' in s ? s.count : s.median);
    const sv = value(sabu);
    if (sv == null) {
      if (sabu) out.push(`${row.label}: Sabu produced no figure.`);
      continue;
    }
    const better = peers.filter((p) => {
      const ps = summarizeRow(row, results, p.id);
      const pv = value(ps);
      if (pv == null || ps?.partial) return false;
      return row.better == 'lower' ? pv < sv * 0.95 && sv - pv > 1e-9 : pv > sv * 1.05 || (Number.isInteger(pv) && pv > sv);
    });
    if (better.length) {
      out.push(`${row.label}: Sabu ${fmt(sv)}; better: ${better.map((p) => `${p.name} ${fmt(value(summarizeRow(row, results, p.id)))}`).join(', ')}.`);
    }
  }
  return out;
}

/** The issue's goals for Sabu, each with what this run measured. */
export function goals(results) {
  const med = (key) => {
    const row = rows(results.settings).find((r) => r.key == key);
    const s = summarizeRow(row, results, 'sabu');
    return s == null ? null : 'count' in s ? s.count : s.median;
  };
  const peerMed = (key, id) => {
    const row = rows(results.settings).find((r) => r.key == key);
    return summarizeRow(row, results, id)?.median ?? null;
  };
  const peers = results.targets.filter((t) => t.peer);
  const out = [];
  const add = (goal, measured, met) => out.push({ goal, measured, met });
  const br = med('size.brotli');
  const smallest = Math.min(...peers.map((p) => peerMed('size.brotli', p.id)).filter((v) => v != null));
  add('core ≤ 6 KB brotli', `${fmt(br)} KB`, br != null && br <= 6);
  if (Number.isFinite(smallest)) add('core ≤ 40% of the smallest peer (brotli)', `${fmt((100 * br) / smallest)}% of ${fmt(smallest)} KB`, br <= 0.4 * smallest);
  const ev = med('startup.evaluateScriptMs');
  add('EvaluateScript < 3 ms', `${fmt(ev)} ms`, ev != null && ev < 3);
  const rd = med('startup.initToReadyMs');
  add('init → ready < 3 ms', `${fmt(rd)} ms`, rd != null && rd < 3);
  const us = med('track.usPerCall');
  const floor = peerMed('track.usPerCall', 'floor');
  if (floor != null) add('track() within 2× the floor', `${fmt(us)} µs vs floor ${fmt(floor)} µs (×${fmt(us / floor)})`, us != null && us <= 2 * floor);
  const peerUs = peers.map((p) => [p.name, peerMed('track.usPerCall', p.id)]).filter(([, v]) => v != null);
  if (peers.length) add('track() cheaper than every peer', peerUs.map(([n, v]) => `${n} ${fmt(v)}`).join(', ') || 'no peer figures', us != null && peerUs.every(([, v]) => us < v));
  const n = results.settings.track.n;
  const crashes = med('track.crashed');
  const dl = med('track.delivered');
  const heap = med('track.heapAfterFlushKB');
  add(`${n.toLocaleString('en')} burst: no crash, all delivered`, `${crashes} rounds crashed or hung, ${fmt(dl)} delivered`, crashes === 0 && dl === n);
  // Issue 19: the whole cost of an event, not only the call.
  const busy = med('track.mainThreadMs');
  const busyFloor = peerMed('track.mainThreadMs', 'floor');
  if (busyFloor != null) add(`${n.toLocaleString('en')} burst: main-thread time until delivered ≤ 2× the floor`, `${fmt(busy)} ms vs floor ${fmt(busyFloor)} ms (×${fmt(busy / busyFloor)})`, busy != null && busy <= 2 * busyFloor);
  const loopHeap = med('track.heapAfterLoopKB');
  add(`${n.toLocaleString('en')} burst: heap growth right after the loop ≤ 2 MB`, `${fmt(loopHeap)} KB`, loopHeap != null && loopHeap <= 2048);
  add(`${n.toLocaleString('en')} burst: heap growth after delivery ≤ 100 KB`, `${fmt(heap)} KB`, heap != null && heap <= 100);
  const initHeap = med('startup.heapAfterInitKB');
  const initFloor = peerMed('startup.heapAfterInitKB', 'floor');
  if (initFloor != null) add('JS heap after init ≤ the floor + 0.2 MiB', `${fmt(initHeap)} KB vs floor ${fmt(initFloor)} KB (+${fmt(initHeap - initFloor)} KB)`, initHeap != null && initHeap - initFloor <= 0.2 * 1024);
  const again = ['requests', 'duplicates'].map((f) => summarize(roundsOf(results, 'exit.reload', 'sabu').map((r) => r?.[f])).median);
  if (again[0] != null) add('page exit then reload: 1 request, 0 events sent again', `${fmt(again[0])} / ${fmt(again[1])}`, again[0] <= 1 && again[1] === 0);
  const req = med('delivery.requests');
  add(`${results.settings.delivery.n.toLocaleString('en')} events in ≤ 5 requests`, `${fmt(req)} requests`, req != null && req <= 5);
  const wire = med('delivery.wireKB');
  const ph = peerMed('delivery.wireKB', 'posthog');
  if (ph != null) add("fewer wire bytes than PostHog's gzip batch", `${fmt(wire)} KB vs ${fmt(ph)} KB`, wire != null && wire < ph);
  const cj = results.collector?.json;
  // Per collector CPU-second: the load generator runs outside the collector's process (issue 16).
  if (cj?.ingest) add('collector ingest ≥ 100,000 events per CPU-second (DuckDB)', `${fmt(cj.ingest.eventsPerCpuS)} events per CPU-second (${fmt(cj.ingest.eventsPerS)} events/s on ${cj.machine?.cpus ?? '?'} shared cores)`, cj.ingest.eventsPerCpuS >= 100_000);
  // One row per store measured (bench:collector --targets), each on the same 10M rows.
  for (const [target, t] of Object.entries(cj?.targets ?? { duckdb: cj ?? {} })) {
    const big = t?.reports?.find((r) => r.events >= 10_000_000);
    const k = 'ttv by signup week';
    if (big) add(`TTV per cohort on 10M events < 1 s (${target})`, `${fmt(big.latencyMs[k])} ms wall, ${fmt(big.cpuMs?.[k])} ms CPU`, big.latencyMs[k] < 1000);
  }
  for (const k of ['nav', 'reload', 'close']) {
    const v = med('exit.' + k);
    add(`page exit (${k}): ${results.settings.exit.n} of ${results.settings.exit.n}`, fmt(v), v === results.settings.exit.n);
  }
  return out;
}

export function markdown(results) {
  const m = results.machine;
  const s = results.settings;
  const lines = [
    `# Sabu benchmarks: ${results.date}`,
    '',
    `Command: \`${results.command}\` (${s.mode} mode) at commit ${results.commit}.`,
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memGB} GiB, ${m.os}; Node ${m.node}; Chromium ${m.chromium} (headless).`,
    `Settings: ${s.rounds} interleaved round(s), order rotated each round; a fresh browser profile per measurement; ` +
      `track() ${s.track.n.toLocaleString('en')} calls (wait ≤ ${s.track.deadlineMs / 1000} s); burst ${s.delivery.n.toLocaleString('en')} events; page exit ${s.exit.n} events.`,
    '',
    'Cells: median (min–max over rounds) ×ratio to Sabu. Lower is better except "delivered". "–" = not applicable. ' +
      '"hung" = the track() loop had not returned when the wait ended; "tab crashed" = the renderer crashed. ' +
      '† = in some round not every event arrived: the figure covers only what did, so no ratio is given.',
    '',
    ...(results.settings.phases?.every((p) => p == 'tour')
      ? [`Figures 1-5 not measured in this run (\`--phases ${results.settings.phases.join(',')}\`).`, '']
      : [table(results), '', '## On-demand UI (figure 1)', '', uiTable(results), '']),
    ...(results.tourLibs?.length ? ['## Tours next to driver.js and Shepherd (figure 7)', '', 'Cells: median (min–max over rounds) ×ratio to Sabu; lower is better.', '', tourTable(results), ''] : []),
    '## Where Sabu is not ahead yet',
    '',
    ...(results.notAhead.length ? results.notAhead.map((l) => `- ${l}`) : ['- Nowhere in this run: Sabu leads or ties every figure.']),
    '',
    '## Goals (issues 8, 14 and 19; reported, not enforced)',
    '',
    '| goal | measured | met |',
    '|---|---|---|',
    ...results.goals.map((g) => `| ${g.goal} | ${g.measured} | ${g.met ? 'yes' : '**no**'} |`),
    '',
    '## Collector (figure 6)',
    '',
    ...collectorLines(results.collector),
    '',
    '## Notes',
    '',
    ...results.notes.map((n) => `- ${n}`),
    '',
  ];
  return lines.join('\n');
}

export function collectorLines(c) {
  if (!c) return ['Not run in this run (--quick, --no-collector or --targets): `npm run bench:collector` runs it alone.'];
  if (!c.available) return [c.note];
  const out = [`\`npm run bench:collector -- --json\` ${c.ok ? 'finished' : `failed (exit ${c.exitCode}${c.signal ? ', ' + c.signal : ''})`} in ${fmt(c.seconds)} s.`, ''];
  const j = c.json;
  if (j?.ingest) {
    const i = j.ingest;
    // Every store measured, side by side under the same load (bench:collector --targets).
    const stores = Object.entries(j.targets ?? { duckdb: j }).filter(([, t]) => t?.ingest);
    out.push(
      `Ingest: ${i.connections} connections, ${fmt(i.requests)} requests in ${i.durationS} s, ${i.batchEvents}-event batches (${fmt(i.bodyBytes / KB)} KB JSON, ${fmt(i.gzipBytes / KB)} KB gzip each); the load generator is another process on the same cores, outside the collector CPU figure. A store's engine in a process of its own (ClickHouse) is counted in "collector + engine".`,
      '',
      '| store | events per collector CPU-s | events per collector + engine CPU-s | events/s | requests/s | p50 ms | p99 ms | max ms | acknowledged | stored | non-2xx | errors |',
      '|---|---|---|---|---|---|---|---|---|---|---|---|',
      ...stores.map(
        ([name, { ingest: x }]) =>
          `| ${name} | ${fmt(x.eventsPerCpuS)} | ${fmt(x.eventsPerTotalCpuS ?? x.eventsPerCpuS)} | ${fmt(x.eventsPerS)} | ${fmt(x.requestsPerS)} | ${fmt(x.latencyMs?.p50)} | ${fmt(x.latencyMs?.p99)} | ${fmt(x.latencyMs?.max)} | ${fmt(x.acknowledged)} | ${fmt(x.stored)} | ${fmt(x.non2xx)} | ${fmt(x.errors)} |`,
      ),
      '',
    );
  }
  if (j?.reports?.length) {
    const labels = Object.keys(j.reports[0].latencyMs);
    // One column per store and size, the stores on the same synthetic rows.
    const cols = Object.entries(j.targets ?? { duckdb: j }).flatMap(([name, t]) => (t?.reports ?? []).map((r) => ({ name, r })));
    out.push(
      'Report latency, wall (CPU) ms, median of 3, on synthetic databases:',
      '',
      `| report | ${cols.map(({ name, r }) => `${name}, ${fmt(r.events)} events`).join(' | ')} |`,
      `|---|${cols.map(() => '---').join('|')}|`,
      ...labels.map((l) => `| ${l} | ${cols.map(({ r }) => `${fmt(r.latencyMs[l])} (${fmt(r.cpuMs?.[l])})`).join(' | ')} |`),
    );
  }
  if (c.output) out.push('```', c.output, '```');
  if (c.errors) out.push('', 'Errors:', '```', c.errors, '```');
  return out;
}
