// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { createDuckDBStore } from '../../../packages/collector/src/store/duckdb/createDuckDBStore.js';
import { WRITE_KEY, ev, postBatch } from './helpers.js';
import { useSabuProcess } from './sabuProcess.js';

const sabu = useSabuProcess();

async function startChild(): Promise<{ url: string; db: string; exited: Promise<number | null> }> {
  const { db, config } = sabu.prepare(100000);
  return { ...(await sabu.start(config)), db };
}

async function storedIds(db: string): Promise<Set<string>> {
  const store = await createDuckDBStore(db);
  try {
    return new Set((await store.querySql('SELECT message_id FROM events')).map((r) => r.message_id as string));
  } finally {
    await store.close();
  }
}

describe('durability', () => {
  it('loses nothing acknowledged when killed with SIGKILL right after a 2xx', async () => {
    const { url, db, exited } = await startChild();
    const acked: string[] = [];
    const at = '2026-01-05T10:00:00Z';
    // Many concurrent batches; kill -9 the moment the 10th acknowledgement arrives.
    const batches = Array.from({ length: 40 }, (_, i) => Array.from({ length: 100 }, () => ev({ event: `E${i}`, user: 'u', at })));
    let killed = false;
    await Promise.all(
      batches.map(async (b) => {
        try {
          const r = await postBatch(url, b);
          if (r.status == 200 && !killed) {
            acked.push(...b.map((e) => e.messageId as string));
            if (acked.length >= 1000) {
              killed = true;
              sabu.kill('SIGKILL');
            }
          }
        } catch {
          // Connections cut by the kill: not acknowledged, so no promise was made.
        }
      }),
    );
    await exited;
    expect(acked.length).toBeGreaterThanOrEqual(1000);
    const ids = await storedIds(db);
    const missing = acked.filter((id) => !ids.has(id));
    expect(missing).toEqual([]);
  });

  it('drains an in-flight request on SIGTERM, commits it, then exits 0', async () => {
    const { url, db, exited } = await startChild();
    const events = Array.from({ length: 50 }, () => ev({ event: 'Drained', user: 'u', at: '2026-01-05T10:00:00Z' }));
    const body = Buffer.from(JSON.stringify({ batch: events, writeKey: WRITE_KEY }));
    const { port } = new URL(url);
    // Send half the body, SIGTERM, then the rest: the request is in flight during shutdown.
    const status = new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/v1/batch', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': body.length } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      req.write(body.subarray(0, 1000));
      setTimeout(() => {
        sabu.kill('SIGTERM');
        setTimeout(() => req.end(body.subarray(1000)), 300);
      }, 200);
    });
    expect(await status).toBe(200);
    expect(await exited).toBe(0);
    const ids = await storedIds(db);
    expect(events.every((e) => ids.has(e.messageId as string))).toBe(true);
  });
});
