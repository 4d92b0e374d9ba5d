// @vitest-environment node
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module of the benchmark, no types
import { sideBySide } from '../../../bench/lib/collectorSummary.mjs';

const ingest = (p99: number, engineCpuS: number) => ({
  eventsPerCpuS: 10_000, engineCpuS, eventsPerTotalCpuS: 5_000, eventsPerS: 2_000,
  latencyMs: { p50: 100, p99, max: p99 + 1 }, acknowledged: 1000, stored: 1000, non2xx: 0, loadAverage: 3,
});
const reports = (ms: number) => [{ events: 1_000_000, latencyMs: { 'ttv by signup week': ms }, cpuMs: { 'ttv by signup week': ms - 1 } }];

describe('bench:collector side-by-side table', () => {
  it('puts each store\'s p99 ingest latency and report times in one row per figure', () => {
    const text: string = sideBySide(
      { duckdb: { ingest: ingest(812, 0), reports: reports(420) }, clickhouse: { ingest: ingest(1_666, 16.1), reports: reports(900) } },
      { duckdb: 'DuckDB', clickhouse: 'ClickHouse' },
    );
    const lines = text.split('\n');
    expect(lines).toContain('| ingest | DuckDB | ClickHouse |');
    expect(lines).toContain('| latency p50 / p99 / max | 100 / 812 / 813 ms | 100 / 1666 / 1667 ms |');
    expect(lines).toContain('| engine CPU (own process) | in the collector | 16.1 s |');
    expect(lines).toContain('| ttv by signup week | 420 / 419 | 900 / 899 |');
  });

  it('leaves a store without a figure as a dash (reports only, or a size one store skipped)', () => {
    const text: string = sideBySide({ duckdb: { ingest: null, reports: reports(5) }, clickhouse: { ingest: null, reports: [] } }, {});
    expect(text).not.toContain('| ingest |');
    expect(text.split('\n')).toContain('| ttv by signup week | 5 / 4 | — |');
  });
});
