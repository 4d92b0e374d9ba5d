// @vitest-environment node
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN, startTestCollector, type TestCollector } from './helpers.js';

/** The collector serves the SDK the script tag loads: GET /sdk/sabu.min.js and its chunks. */
const DIST = 'packages/sdk/dist';
let c: TestCollector;
beforeAll(async () => {
  if (!existsSync(`${DIST}/sabu.min.js`)) throw new Error('run "npm run build" first: this test serves the built SDK');
  c = await startTestCollector();
});
afterAll(async () => {
  await c.stop();
});

/** A raw request, so the path reaches the server exactly as written (fetch would normalise `..`). */
function get(path: string, headers: Record<string, string> = {}) {
  const u = new URL(c.url);
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('GET /sdk/*', () => {
  it('serves sabu.min.js as JavaScript, byte for byte, readable from any page, revalidated by ETag', async () => {
    const r = await get('/sdk/sabu.min.js', { origin: ORIGIN });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(r.body.equals(readFileSync(`${DIST}/sabu.min.js`))).toBe(true);
    expect(r.headers['access-control-allow-origin']).toBe('*');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['cache-control']).toBe('no-cache');
    const etag = r.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]{20,}"$/);
    const again = await get('/sdk/sabu.min.js', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect((await get('/sdk/sabu.min.js', { 'if-none-match': '"other"' })).status).toBe(200);
  });

  it('serves every chunk the entry loads by name, and the source maps', async () => {
    const entry = readFileSync(`${DIST}/sabu.min.js`, 'utf8');
    const chunks = [...new Set(entry.match(/sabu-[a-z]+\.js/g))];
    // The script tag's on-demand parts; if the entry stops naming them, this list shrinks and the test says so.
    expect(chunks.sort()).toEqual(expect.arrayContaining(['sabu-checklist.js', 'sabu-flows.js', 'sabu-surveys.js', 'sabu-ui.js']));
    for (const f of chunks) {
      const r = await get(`/sdk/${f}`);
      expect(r.status, f).toBe(200);
      expect(r.headers['content-type'], f).toBe('text/javascript; charset=utf-8');
      expect(r.headers['access-control-allow-origin'], f).toBe('*');
      expect(r.body.equals(readFileSync(`${DIST}/${f}`)), f).toBe(true);
    }
    const map = await get('/sdk/sabu.min.js.map');
    expect(map.status).toBe(200);
    expect(map.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(map.body.toString()).version).toBe(3);
  });

  it('sends brotli or gzip when the browser accepts it: the budgets are brotli sizes', async () => {
    const raw = readFileSync(`${DIST}/sabu.min.js`);
    const br = await get('/sdk/sabu.min.js', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(brotliDecompressSync(br.body).equals(raw)).toBe(true);
    expect(br.body.length).toBeLessThan(raw.length / 2);
    const gz = await get('/sdk/sabu.min.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(raw)).toBe(true);
    const refused = await get('/sdk/sabu.min.js', { 'accept-encoding': 'br;q=0, gzip;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.body.equals(raw)).toBe(true);
    // Each representation has its own ETag, and revalidates to 304.
    expect(new Set([br.headers.etag, gz.headers.etag, refused.headers.etag]).size).toBe(3);
    expect((await get('/sdk/sabu.min.js', { 'accept-encoding': 'br', 'if-none-match': br.headers.etag as string })).status).toBe(304);
  });

  it('answers HEAD like GET, without a body', async () => {
    const u = new URL(c.url);
    const status = await new Promise<number>((resolve) => request({ host: u.hostname, port: u.port, path: '/sdk/sabu.min.js', method: 'HEAD' }, (res) => resolve(res.statusCode!)).end());
    expect(status).toBe(200);
  });

  it('serves nothing else: no other dist file, no path out of the folder, no object key', async () => {
    for (const path of [
      '/sdk/index.js',
      '/sdk/sabu.esm.min.js',
      '/sdk/types.d.ts',
      '/sdk/../package.json',
      '/sdk/..%2Fpackage.json',
      '/sdk/%2e%2e%2f%2e%2e%2fpackage.json',
      '/sdk/..%5c..%5cpackage.json',
      '/sdk/sabu.min.js%00.map',
      '/sdk/__proto__',
      '/sdk/constructor',
      '/sdk/toString',
      '/sdk/',
      '/sdk/browser/script.d.ts',
    ]) {
      const r = await get(path);
      expect([404, 400], path).toContain(r.status);
      expect(r.body.toString(), path).not.toMatch(/"name":\s*"@sabu|export |import /);
    }
  });

  it('says what it serves when a name is wrong', async () => {
    const r = await get('/sdk/sabu.js');
    expect(r.status).toBe(404);
    expect(JSON.parse(r.body.toString()).message).toMatch(/sabu\.min\.js/);
  });
});
