import { createGunzip, createInflate, createBrotliDecompress } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import type { Readable } from 'node:stream';

/**
 * Request bodies: the SDK sends JSON as `application/json` (gzip over 1 KB) and, at page
 * exit, as `text/plain` through `sendBeacon` / `fetch(keepalive)` (a CORS-safelisted type,
 * so no preflight). All are parsed as JSON. Fastify's `bodyLimit` counts the bytes after
 * decompression, so a small gzip bomb is still stopped at MAX_BATCH_BYTES.
 */
export function registerBodyDecoding(app: FastifyInstance) {
  app.addHook('preParsing', async (req, _reply, payload) => {
    const enc = String(req.headers['content-encoding'] ?? 'identity').toLowerCase();
    const make = enc == 'gzip' || enc == 'x-gzip' ? createGunzip : enc == 'deflate' ? createInflate : enc == 'br' ? createBrotliDecompress : null;
    if (!make) {
      if (enc != 'identity') throw Object.assign(new Error(`unsupported Content-Encoding "${enc}"; send gzip, deflate, br or none`), { statusCode: 415 });
      return payload;
    }
    const inflate = make();
    // A corrupt or cut-short body is the sender's mistake: a 400 that says so, not zlib's code.
    inflate.on('error', (e: Error & { statusCode?: number; code?: string }) => {
      e.message = `the body is not valid ${enc}: ${e.message}`;
      e.statusCode = 400;
      e.code = 'bad_encoding';
    });
    const out = payload.pipe(inflate) as Readable & { receivedEncodedLength?: number };
    // Fastify compares the Content-Length header with this count, not the inflated size.
    out.receivedEncodedLength = 0;
    payload.on('data', (c: Buffer) => (out.receivedEncodedLength! += c.length));
    payload.on('error', (e) => out.destroy(e));
    return out;
  });
  const parseJson = (_req: unknown, body: string, done: (e: Error | null, v?: unknown) => void) => {
    if (!body) return done(null, undefined);
    try {
      done(null, JSON.parse(body));
    } catch (e) {
      done(Object.assign(new Error(`body is not valid JSON: ${(e as Error).message}`), { statusCode: 400 }));
    }
  };
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'string' }, parseJson);
  // Beacons from older browsers may come without a usable type: still JSON.
  app.addContentTypeParser('*', { parseAs: 'string' }, parseJson);
}
