// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Socket } from 'node:net';
import { collectorConfigSchema } from '../../../packages/collector/src/config/configSchema.js';
import { createServer } from '../../../packages/collector/src/server/createServer.js';
import { createDuckDBStore } from '../../../packages/collector/src/store/duckdb/createDuckDBStore.js';
import { READ_KEY, WRITE_KEY, ev, postBatch, startTestCollector, type TestCollector } from './helpers.js';

/**
 * Issue 11, break 3: 4,000 half-sent bodies held 4,023 descriptors and none was closed
 * after 330 s. Requests must complete within requestTimeoutMs, connections are capped,
 * and normal requests are answered meanwhile.
 */
const REQUEST_TIMEOUT = 3_000;
let c: TestCollector;
beforeAll(async () => {
  c = await startTestCollector({ rateLimit: { max: 100_000, windowMs: 60_000 }, requestTimeoutMs: REQUEST_TIMEOUT, headersTimeoutMs: 1_500, maxConnections: 60 });
});
afterAll(() => c.stop());

const port = () => Number(new URL(c.url).port);
const at = '2026-01-05T10:00:00.000Z';

interface Stall {
  socket: Socket;
  /** When the server closed it (Date.now()), and whether it had answered first (a 408). */
  closed: Promise<{ at: number; answered: boolean }>;
}

/** A raw connection that sends `head` and then nothing (or a byte every `dripMs`). */
function stall(head: string, dripMs = 0): Stall {
  const socket = connect(port(), '127.0.0.1', () => socket.write(head));
  socket.on('error', () => {});
  let answered = false;
  // Read the answer (a 408), or the socket would never see the server's close.
  socket.on('data', () => (answered = true));
  let drip: NodeJS.Timeout | undefined;
  if (dripMs) drip = setInterval(() => socket.writable && socket.write('x'), dripMs);
  const closed = new Promise<{ at: number; answered: boolean }>((resolve) =>
    socket.on('close', () => {
      clearInterval(drip);
      resolve({ at: Date.now(), answered });
    }),
  );
  return { socket, closed };
}

const body = JSON.stringify({ writeKey: WRITE_KEY, batch: [ev({ event: 'Stalled', user: 's', at })] });
const partialBody = `POST /v1/batch HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 20)}`;
const partialHeaders = 'POST /v1/batch HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Ty';

describe('stalled uploads', () => {
  it('closes half-sent bodies, half-sent headers and trickling uploads, answering normal requests meanwhile', async () => {
    const stalls = [
      ...Array.from({ length: 20 }, () => stall(partialBody)),
      ...Array.from({ length: 10 }, () => stall(partialHeaders)),
      // A byte every 100 ms: never idle, but never done either.
      ...Array.from({ length: 10 }, () => stall(partialBody, 100)),
    ];
    const t0 = Date.now();
    await new Promise((r) => setTimeout(r, 100));
    // Normal requests while the stalls hold their connections: all answered before any
    // stalled one is let go, so they were not waiting behind them. (Ordering, not a time:
    // this machine may be very busy.)
    const normal = await Promise.all(Array.from({ length: 10 }, (_, i) => postBatch(c.url, [ev({ event: 'Normal', user: `n${i}`, at })])));
    const normalDone = Date.now();
    expect(normal.map((r) => r.status)).toEqual(normal.map(() => 200));
    const closed = await Promise.all(stalls.map((s) => s.closed));
    expect(Math.min(...closed.map((x) => x.at))).toBeGreaterThan(normalDone);
    // Each got a 408 and was closed within requestTimeoutMs plus one check interval (a
    // quarter of it), plus slack for a busy machine.
    expect(closed.every((x) => x.answered)).toBe(true);
    for (const x of closed) expect(x.at - t0).toBeLessThan(REQUEST_TIMEOUT * 1.25 + 3_000);
    expect(await c.store.countEvents('acme')).toBe(10);
  });

  it('refuses connections over maxConnections at once, and accepts again once they close', async () => {
    const stalls = Array.from({ length: 70 }, () => stall(partialBody));
    const closed = await Promise.all(stalls.map((s) => s.closed));
    // Those over the cap of 60 were closed without an answer (more than 10 when keep-alive
    // sockets of the earlier test still count); the others held until their 408.
    const held = closed.filter((x) => x.answered).length;
    expect(held).toBeLessThanOrEqual(60);
    expect(held).toBeGreaterThanOrEqual(40);
    expect((await postBatch(c.url, [ev({ event: 'After', user: 'o', at })])).status).toBe(200);
  });
});

describe('timeouts by default', () => {
  it('close a stalled upload within 30 s and idle keep-alive connections after 5 s', async () => {
    const config = collectorConfigSchema.parse({ projects: [{ id: 'acme', writeKeys: [WRITE_KEY], readKeys: [READ_KEY] }], database: ':memory:' });
    const store = await createDuckDBStore(':memory:');
    const app = createServer({ config, store });
    try {
      const s = app.server as typeof app.server & { connectionsCheckingInterval?: number };
      // Node checks request times every connectionsCheckingInterval: the worst case is the sum.
      expect(s.requestTimeout + (s.connectionsCheckingInterval ?? 30_000)).toBeLessThanOrEqual(30_000);
      expect(s.headersTimeout).toBeLessThanOrEqual(s.requestTimeout);
      expect(s.keepAliveTimeout).toBe(5_000);
      expect(s.maxConnections).toBe(1_000);
    } finally {
      await app.close();
      await store.close();
    }
  });
});
