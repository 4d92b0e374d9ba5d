import { brotliDecompressSync, gunzipSync, inflateSync, type ZlibOptions } from 'node:zlib';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { MAX_BATCH_BYTES } from '@sabu/schema/limits';

type Inflate = (buf: Buffer, o: ZlibOptions) => Buffer;
const INFLATE: Record<string, Inflate> = { gzip: gunzipSync, 'x-gzip': gunzipSync, deflate: inflateSync, br: brotliDecompressSync };

/**
 * Compressed bytes read before inflating. Compression never makes a body much larger (gzip
 * of random bytes adds about 0.03 %), so a sender over this is over MAX_BATCH_BYTES anyway.
 */
const MAX_COMPRESSED_BYTES = MAX_BATCH_BYTES + 64 * 1024;

/**
 * Request bodies: the SDK sends JSON as `application/json` (gzip over 1 KB) and, at page
 * exit, as `text/plain` through `sendBeacon` / `fetch(keepalive)` (a CORS-safelisted type,
 * so no preflight). All are parsed as JSON.
 *
 * A compressed body is read whole, then inflated in one call capped at MAX_BATCH_BYTES of
 * output, so a small gzip bomb stops at the limit without inflating further. One call on
 * this thread, not a zlib stream: a stream costs a thread-pool round trip and stream
 * machinery per chunk, about as much CPU as the inflating itself for a 2 KB body (issue 16).
 */
export function registerBodyDecoding(app: FastifyInstance) {
  app.addHook('preParsing', async (req, _reply, payload) => {
    const enc = String(req.headers['content-encoding'] ?? 'identity').toLowerCase();
    const inflate = INFLATE[enc];
    if (!inflate) {
      if (enc != 'identity') throw Object.assign(new Error(`unsupported Content-Encoding "${enc}"; send gzip, deflate, br or none`), { statusCode: 415 });
      return payload;
    }
    const compressed = await readAll(payload, MAX_COMPRESSED_BYTES);
    let body: Buffer;
    try {
      body = inflate(compressed, { maxOutputLength: MAX_BATCH_BYTES });
    } catch (e) {
      if ((e as { code?: string }).code == 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
      // A corrupt or cut-short body is the sender's mistake: a 400 that says so, not zlib's code.
      throw Object.assign(new Error(`the body is not valid ${enc}: ${(e as Error).message}`), { statusCode: 400, code: 'bad_encoding' });
    }
    const out = Readable.from([body], { objectMode: false }) as Readable & { receivedEncodedLength?: number };
    // Fastify compares the Content-Length header with this count, not the inflated size.
    out.receivedEncodedLength = compressed.length;
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

/** Fastify's own answer to a body over bodyLimit (createServer.ts turns it into JSON). */
const tooLarge = () => Object.assign(new Error('request body is too large'), { statusCode: 413 });

/** The whole stream, or a 413 past `limit` bytes; rejects when the upload fails or is cut. */
function readAll(stream: Readable, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let n = 0;
    stream.on('data', (c: Buffer) => {
      n += c.length;
      if (n > limit) {
        stream.removeAllListeners('data');
        // Let the rest drain unread; the answer goes out now.
        stream.resume();
        reject(tooLarge());
      } else chunks.push(c);
    });
    stream.on('end', () => resolve(Buffer.concat(chunks, n)));
    stream.on('error', reject);
    // After 'end' this is a no-op; before it, the client went away (or timed out).
    stream.on('close', () => reject(Object.assign(new Error('the request was cut short'), { statusCode: 400 })));
  });
}
