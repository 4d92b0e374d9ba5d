// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { createDuckDBStore } from '../../../packages/collector/src/store/duckdb/createDuckDBStore.js';
import { logDirFor } from '../../../packages/collector/src/store/duckdb/ingestLog/segmentFiles.js';
import { READ_KEY, ev, postBatch } from './helpers.js';
import { useSabuProcess } from './sabuProcess.js';

/**
 * Issue 16: the DuckDB store acknowledges from its ingest log and loads DuckDB in the
 * background. `sabu start` (built, in a child process) is killed with SIGKILL at random
 * moments under concurrent writes, reads that force loads, and retries of acknowledged
 * batches, then restarted on the same files, several times: every acknowledged event is
 * stored exactly once, and the person summaries hold no copy twice.
 */
const sabu = useSabuProcess();

describe('the ingest log under kill -9', () => {
  it('keeps every acknowledged event exactly once across kills at random moments, loads included', async () => {
    const { db, config } = sabu.prepare(1e6);
    const acked = new Map<string, unknown[]>();
    const at = '2026-01-05T10:00:00Z';
    let n = 0;
    // Segments each kill left behind (acknowledged, not loaded yet): the restart must load them.
    const left: number[] = [];
    const batch = () => {
      const u = `u${n++ % 7}`;
      return Array.from({ length: 50 }, (_, i) => (i == 0 ? ev({ type: 'identify', user: u, at, traits: { plan: 'pro' } }) : ev({ event: 'E', user: u, at })));
    };
    for (let round = 0; round < 5; round++) {
      const { url, exited } = await sabu.start(config);
      let killed = false;
      const killAfter = 150 + Math.random() * 900;
      const killer = setTimeout(() => {
        killed = true;
        sabu.kill('SIGKILL');
      }, killAfter);
      const writer = async () => {
        while (!killed) {
          // Now and then a retry of a batch acknowledged before (in this run or an earlier one).
          const retry = acked.size && Math.random() < 0.2 ? [...acked.values()][Math.floor(Math.random() * acked.size)] : undefined;
          const b = retry ?? batch();
          try {
            const r = await postBatch(url, b);
            if (r.status == 200) acked.set((b[0] as { messageId: string }).messageId, b);
          } catch {
            // Cut by the kill: not acknowledged.
          }
        }
      };
      // Readers make the store seal and load now, so kills also land inside loads.
      const reader = async () => {
        while (!killed) await fetch(`${url}/v1/events/recent?limit=1`, { headers: { authorization: `Bearer ${READ_KEY}` } }).catch(() => {});
      };
      await Promise.all([writer(), writer(), writer(), writer(), reader()]);
      clearTimeout(killer);
      await exited;
      left.push(readdirSync(logDirFor(db)).filter((f) => f.endsWith('.ndjson')).length);
    }
    expect(acked.size).toBeGreaterThan(20);
    const store = await createDuckDBStore(db);
    try {
      const rows = await store.querySql(`SELECT message_id, count(*)::INT AS n FROM events GROUP BY ALL`);
      const count = new Map(rows.map((r) => [r.message_id as string, r.n as number]));
      const ids = [...acked.values()].flat().map((e) => (e as { messageId: string }).messageId);
      expect(ids.filter((id) => count.get(id) !== 1)).toEqual([]);
      const [facts] = await store.querySql(`SELECT (SELECT count(*) FROM person_facts)::INT AS facts, (SELECT count(*) FROM events WHERE type = 'identify')::INT AS identifies`);
      expect(facts!.facts).toBe(facts!.identifies);
      expect(readdirSync(logDirFor(db))).toEqual([]);
      // Not a vacuous pass: kills left acknowledged lines that only a restart loaded.
      expect(left.some((k) => k > 0)).toBe(true);
    } finally {
      await store.close();
    }
  }, 120_000);
});
