// @vitest-environment node
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectorStandIn } from '../../../examples/collectorStandIn.mjs';

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * The Vite examples' stand-in for the collector, mounted as Vite mounts it (a middleware
 * from `configurePreviewServer`) on a real server on 127.0.0.1: what it keeps, prints and
 * refuses, and that it leaves every other request to Vite.
 */
let plugin: ReturnType<typeof collectorStandIn>;
let server: Server;
let url: string;
let printed: string[];

beforeEach(async () => {
  plugin = collectorStandIn();
  printed = [];
  let middleware: Middleware | undefined;
  const vite = { middlewares: { use: (fn: Middleware) => void (middleware = fn) }, config: { logger: { info: (line: string) => void printed.push(line) } } };
  (plugin.configurePreviewServer as unknown as (s: typeof vite) => void)(vite);
  server = createServer((req, res) => middleware!(req, res, () => res.writeHead(404).end('left to vite')));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(() => new Promise<void>((r) => server.close(() => r())));

const post = (body: BodyInit, headers: Record<string, string> = {}, path = '/v1/batch') => fetch(url + path, { method: 'POST', body, headers: { 'Content-Type': 'application/json', ...headers } });
const batch = (...messages: object[]) => JSON.stringify({ batch: messages });

describe('collectorStandIn', () => {
  it('keeps and prints each message of a batch, in order, plain or gzipped', async () => {
    const page = { type: 'page', properties: { path: '/reports' } };
    const track = { type: 'track', event: 'Feature Used', properties: { feature: 'export-csv' } };
    expect((await post(batch(page, track))).status).toBe(200);
    expect((await post(gzipSync(batch({ type: 'identify', userId: 'u1' })), { 'Content-Encoding': 'gzip' })).status).toBe(200);
    expect(plugin.api.received).toEqual([page, track, { type: 'identify', userId: 'u1' }]);
    expect(printed).toEqual(['\n  Events the app sent to /v1/batch (collectorStandIn in vite.config.js):', '  page /reports', '  Feature Used {"feature":"export-csv"}', '  identify']);
  });

  it('refuses a body that is not a batch with 400, and keeps nothing of it', async () => {
    for (const body of ['not json', '{"batch":{}}', '[]']) expect([body, (await post(body)).status]).toEqual([body, 400]);
    expect(plugin.api.received).toEqual([]);
  });

  it("refuses a body over the collector's 500 KB with 413, also when it only grows that large decompressed", async () => {
    const big = batch({ type: 'track', event: 'x', properties: { pad: 'a'.repeat(500_000) } });
    expect((await post(big)).status).toBe(413);
    expect((await post(gzipSync(big), { 'Content-Encoding': 'gzip' })).status).toBe(413);
    // Just under the cap is still taken.
    const fits = batch({ type: 'track', event: 'x', properties: { pad: 'a'.repeat(499_000) } });
    expect((await post(fits)).status).toBe(200);
    expect(plugin.api.received).toHaveLength(1);
  });

  it('leaves other paths and methods to Vite', async () => {
    expect(await (await post(batch({ type: 'page' }), {}, '/v1/other')).text()).toBe('left to vite');
    expect(await (await fetch(url + '/v1/batch')).text()).toBe('left to vite');
    expect(plugin.api.received).toEqual([]);
  });
});
