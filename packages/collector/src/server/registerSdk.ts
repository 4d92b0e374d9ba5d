import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyInstance } from 'fastify';

/**
 * What the script tag may load: the entry, the chunks it imports from its own folder
 * (sabu-flows.js, sabu-checklist.js, sabu-surveys.js, sabu-ui.js) and
 * their source maps. Nothing else of the SDK's dist is served.
 */
const SERVED = /^sabu(\.min|-[a-z]+)\.js(\.map)?$/;

/**
 * Entry and chunks are revalidated on every load (`no-cache` + ETag: a 304 costs one small
 * round trip). Not long-lived: the chunk names carry no content hash, and the entry imports
 * them by name, so a cached old chunk after a collector upgrade would meet a new entry.
 */
const CACHE_CONTROL = 'no-cache';

/** The folder holding sabu.min.js: @sabu/sdk's dist, in this repository or in node_modules. */
export function sdkDistDir(): string | null {
  try {
    const dir = join(dirname(createRequire(import.meta.url).resolve('@sabu/sdk/package.json')), 'dist');
    return existsSync(dir) ? dir : null;
  } catch {
    return null;
  }
}

interface Cached {
  mtimeMs: number;
  size: number;
  body: Buffer;
  /** Hash of the file; each encoding's ETag adds its name, as representations differ. */
  hash: string;
  /** Compressed once, on first request, kept with the file. */
  encoded: Partial<Record<Encoding, Promise<Buffer>>>;
}

type Encoding = 'br' | 'gzip';
const compress: Record<Encoding, (b: Buffer) => Promise<Buffer>> = {
  // The size budgets are brotli sizes: what a browser downloads when served like this.
  br: (b) => promisify(brotliCompress)(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: b.length } }),
  gzip: (b) => promisify(gzip)(b, { level: 9 }),
};

/** The best encoding the client accepts (`Accept-Encoding`, `q=0` refuses), brotli first. */
export function pickEncoding(header: string | undefined): Encoding | null {
  const accepted = new Map<string, number>();
  for (const part of (header ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((x) => x !== undefined);
    if (name) accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const ok = (e: string) => (accepted.get(e) ?? (accepted.has('*') ? accepted.get('*')! : 0)) > 0;
  return ok('br') ? 'br' : ok('gzip') ? 'gzip' : null;
}

/**
 * `GET /sdk/sabu.min.js` and its chunks, so a page can load Sabu from its collector:
 * `<script async src="http://collector:4318/sdk/sabu.min.js" …>`. Files are looked up by
 * exact name in a Map built from the folder listing, so no path, `..` or encoded slash can
 * reach any other file. CORS `*`: the chunks are ES modules loaded with `import()`, which
 * browsers fetch in CORS mode from the page's origin; the files are public code.
 */
/** Whether an If-None-Match tag names this file's bytes, in any encoding. */
function sameHash(tag: string, hash: string): boolean {
  const t = tag.trim().replace(/^W\//, '').replace(/^"|"$/g, '');
  return t == hash || t == `${hash}-br` || t == `${hash}-gzip`;
}

export function registerSdk(app: FastifyInstance, dir: string | null = sdkDistDir()) {
  const files = new Map<string, string>();
  if (dir) for (const name of readdirSync(dir)) if (SERVED.test(name)) files.set(name, join(dir, name));
  const cache = new Map<string, Cached>();

  app.get('/sdk/:file', async (req, reply) => {
    const { file } = req.params as { file: string };
    const path = files.get(file);
    reply.header('Access-Control-Allow-Origin', '*');
    reply.header('Cross-Origin-Resource-Policy', 'cross-origin');
    reply.header('X-Content-Type-Options', 'nosniff');
    if (!path) {
      const hint = files.size ? `files: ${[...files.keys()].filter((f) => !f.endsWith('.map')).join(', ')}` : 'the SDK is not built: run "npm run build" in the Sabu repository';
      return reply.code(404).send({ error: 'not_found', message: `no SDK file "${file}"; ${hint}` });
    }
    let entry: Cached | undefined;
    try {
      const s = await stat(path);
      entry = cache.get(file);
      // Re-read after a rebuild (development), otherwise serve from memory.
      if (!entry || entry.mtimeMs != s.mtimeMs || entry.size != s.size) {
        const body = await readFile(path);
        entry = { mtimeMs: s.mtimeMs, size: s.size, body, hash: createHash('sha256').update(body).digest('base64url').slice(0, 27), encoded: {} };
        cache.set(file, entry);
      }
    } catch {
      return reply.code(404).send({ error: 'not_found', message: `SDK file "${file}" disappeared; rebuild the SDK` });
    }
    reply.header('Content-Type', file.endsWith('.map') ? 'application/json; charset=utf-8' : 'text/javascript; charset=utf-8');
    reply.header('Cache-Control', CACHE_CONTROL);
    reply.header('Vary', 'Accept-Encoding');
    const encoding = pickEncoding(req.headers['accept-encoding']);
    reply.header('ETag', `"${entry.hash}${encoding ? `-${encoding}` : ''}"`);
    // Any representation of the same bytes is still fresh: compare the hash part.
    const inm = req.headers['if-none-match'];
    if (inm && inm.split(',').some((t) => sameHash(t, entry!.hash))) return reply.code(304).send();
    if (!encoding) return reply.send(entry.body);
    const body = await (entry.encoded[encoding] ??= compress[encoding](entry.body));
    reply.header('Content-Encoding', encoding);
    return reply.send(body);
  });
}
