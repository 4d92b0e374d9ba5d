// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

/** A tiny run of bench/collector.mjs, so the benchmark keeps working; its numbers are not asserted. */
describe('bench/collector.mjs --quick --targets duckdb,clickhouse', () => {
  it('runs ingest and reports end to end and stores every acknowledged event', async () => {
    if (!existsSync('packages/collector/dist/index.js')) throw new Error('run "npm run build" first');
    const { stdout } = await promisify(execFile)(process.execPath, ['bench/collector.mjs', '--quick', '--requests', '50', '--sizes', '5000', '--targets', 'duckdb,clickhouse', '--json'], { timeout: 120_000 });
    const r = JSON.parse(stdout);
    expect(r.ingest.non2xx).toBe(0);
    expect(r.ingest.acknowledged).toBeGreaterThan(0);
    expect(r.ingest.stored).toBeGreaterThanOrEqual(r.ingest.acknowledged);
    expect(r.reports).toEqual([expect.objectContaining({ events: 5000, users: 100 })]);
    expect(r.targets.duckdb.ingest).toEqual(r.ingest);
    expect(r.ingest.eventsPerCpuS).toBeGreaterThan(0);
    expect(r.ingest.latencyMs.p99).toBeGreaterThan(0);
    expect(Object.keys(r.reports[0].latencyMs)).toContain('ttv by signup week');
    // The ClickHouse target (the engine behind its HTTP interface): same checks, same report list.
    const ch = r.targets.clickhouse;
    expect([ch.ingest.non2xx, ch.ingest.stored >= ch.ingest.acknowledged, ch.ingest.acknowledged > 0]).toEqual([0, true, true]);
    expect(Object.keys(ch.reports[0].latencyMs)).toEqual(Object.keys(r.reports[0].latencyMs));
    // The engine's merges after the load are timed apart from the reports.
    expect(ch.reports[0].settle).toEqual({ s: expect.any(Number), engineCpuS: expect.any(Number) });
    // The engine runs in a process of its own there, so its CPU is counted apart and in the
    // side-by-side figure; DuckDB's engine is inside the collector, already counted.
    expect(ch.ingest.engineCpuS).toBeGreaterThan(0);
    expect(ch.ingest.eventsPerTotalCpuS).toBeLessThan(ch.ingest.eventsPerCpuS);
    expect([r.ingest.engineCpuS, r.ingest.eventsPerTotalCpuS]).toEqual([0, r.ingest.eventsPerCpuS]);
  }, 120_000);
});
