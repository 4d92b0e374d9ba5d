/**
 * The collector benchmark's closing table when it measured more than one store: each
 * figure with the stores side by side, from the same run (same load, same data), so they
 * are read across, not against another run's. Ingest: the cost per event (collector alone,
 * then collector + engine: the fair one when the engine runs in a process of its own) and
 * latency under the same load, p99 included. Reports: wall / CPU per report and size.
 */
export function sideBySide(targets, labels) {
  const names = Object.keys(targets);
  const head = (first) => `| ${[first, ...names.map((n) => labels[n] ?? n)].join(' | ')} |\n|${' --- |'.repeat(names.length + 1)}`;
  const row = (label, f) => `| ${[label, ...names.map((n) => f(targets[n]) ?? '—')].join(' | ')} |`;
  const ingest = (f) => (t) => (t.ingest ? f(t.ingest) : null);
  const out = ['side by side (one run):', ''];
  if (names.some((n) => targets[n].ingest)) {
    out.push(
      head('ingest'),
      row('events per collector CPU-s', ingest((i) => fmt(i.eventsPerCpuS))),
      row('engine CPU (own process)', ingest((i) => (i.engineCpuS ? `${i.engineCpuS} s` : 'in the collector'))),
      row('events per collector + engine CPU-s', ingest((i) => fmt(i.eventsPerTotalCpuS))),
      row('events/s', ingest((i) => fmt(i.eventsPerS))),
      row('latency p50 / p99 / max', ingest((i) => `${i.latencyMs.p50} / ${i.latencyMs.p99} / ${i.latencyMs.max} ms`)),
      row('acknowledged / stored, non-2xx', ingest((i) => `${fmt(i.acknowledged)} / ${fmt(i.stored)}, ${i.non2xx}`)),
      row('load average', ingest((i) => i.loadAverage.toFixed(1))),
      '',
    );
  }
  const sizes = [...new Set(names.flatMap((n) => targets[n].reports.map((r) => r.events)))].sort((a, b) => a - b);
  for (const size of sizes) {
    const at = (t) => t.reports.find((r) => r.events == size);
    const labelsOf = [...new Set(names.flatMap((n) => Object.keys(at(targets[n])?.latencyMs ?? {})))];
    out.push(head(`reports, ${fmt(size)} events: wall / CPU ms`));
    for (const k of labelsOf) out.push(row(k, (t) => (at(t) ? `${fmt(at(t).latencyMs[k])} / ${fmt(at(t).cpuMs[k])}` : null)));
    out.push('');
  }
  return out.join('\n').trimEnd();
}

const fmt = (n) => (n == null ? '—' : Number(n).toLocaleString('en'));
