import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const FIXTURES = join(ROOT, 'tests/e2e/fixtures');

/** URL prefix → folder, for what fixture pages load. */
const MOUNTS: [string, string][] = [
  ['/dist/', 'packages/sdk/dist/'],
  ['/schema/', 'packages/schema/dist/'],
  ['/idb-keyval/', 'node_modules/idb-keyval/dist/'],
];

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.map': 'application/json',
  '.json': 'application/json',
};

/** Events Sabu's signals emit by themselves; core tests look past them. */
const SIGNALS = new Set(['Web Vital', 'Rage Click', 'Dead Click', 'Error Click', 'Error', 'Form Abandoned', 'Feature Used']);

/** One request the test collector received. */
export interface Received {
  status: number;
  /** When it arrived (ms since epoch). */
  at: number;
  headers: IncomingMessage['headers'];
  /** Raw body bytes as sent (compressed if it was). */
  wireBytes: number;
  body: { batch: Array<Record<string, any>>; sentAt: string; writeKey: string } | null;
}

/** A scripted answer: status and optional Retry-After. */
export interface Reply {
  status: number;
  retryAfter?: string;
  /** Never answer (the request stays open until the collector stops). */
  hang?: boolean;
}

/**
 * The test collector: records every POST (gunzipped), answers with scripted replies
 * (then 200), and can go down and come back on the same port.
 */
export class Collector {
  requests: Received[] = [];
  private replies: Reply[] = [];
  /** Answers chosen by content (a collector that fails on one event); scripted replies come after. */
  answer: ((body: Received['body']) => Reply | undefined) | null = null;
  /** Send CORS headers (false: a collector that does not allow the page's origin). */
  cors = true;
  private server: Server | null = null;
  port = 0;

  get url() {
    return `http://127.0.0.1:${this.port}/v1/batch`;
  }

  /** Answer the next requests with these replies, in order; 200 afterwards. */
  replyWith(...replies: Reply[]) {
    this.replies.push(...replies);
  }

  /** Messages of acknowledged (2xx) requests, in arrival order. */
  accepted(): Array<Record<string, any>> {
    return this.requests.filter((r) => r.status >= 200 && r.status < 300 && r.body).flatMap((r) => r.body!.batch);
  }

  /** Every message received, acknowledged or not (to look for duplicates). */
  all(): Array<Record<string, any>> {
    return this.requests.filter((r) => r.body).flatMap((r) => r.body!.batch);
  }

  /** Acknowledged messages with duplicates (same messageId) removed, as a de-duplicating collector stores them. */
  stored(): Array<Record<string, any>> {
    const seen = new Set<string>();
    return this.accepted().filter((m) => !seen.has(m.messageId) && seen.add(m.messageId));
  }

  /** Stored messages other than the automatic signals (web vitals, clicks...): what the page tracked itself. */
  own(): Array<Record<string, any>> {
    return this.stored().filter((m) => m.type != 'track' || !SIGNALS.has(m.event));
  }

  /** Names of the track events the page tracked itself, in order (automatic signals left out). */
  events(): string[] {
    return this.own().filter((m) => m.type == 'track').map((m) => m.event);
  }

  async waitFor(pred: () => boolean, timeout = 15_000, what = 'condition'): Promise<void> {
    const end = Date.now() + timeout;
    while (!pred()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; received ${this.events().join(', ')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async start(port = this.port): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** Goes down: connections are refused until {@link start} again. */
  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (!s) return;
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    if (this.cors) {
      res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
      res.setHeader('Access-Control-Allow-Headers', req.headers['access-control-request-headers'] ?? '*');
      res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
      res.setHeader('Access-Control-Expose-Headers', 'Retry-After');
    }
    if (req.method == 'OPTIONS') return void res.writeHead(204).end();
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    let body: Received['body'] = null;
    try {
      const text = (req.headers['content-encoding'] == 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
      body = JSON.parse(text);
    } catch {
      body = null;
    }
    const reply = this.answer?.(body) ?? this.replies.shift() ?? { status: 200 };
    // An unanswered request was never acknowledged: recorded with status 0.
    this.requests.push({ status: reply.hang ? 0 : reply.status, at: Date.now(), headers: req.headers, wireBytes: raw.length, body });
    if (reply.hang) return;
    if (reply.retryAfter) res.setHeader('Retry-After', reply.retryAfter);
    res.writeHead(reply.status, { 'Content-Type': 'application/json' }).end('{"ok":' + (reply.status < 300) + '}');
  }
}

/** Serves fixture pages (with {{ENDPOINT}} filled in) and the built bundles. */
export async function startPages(endpoint: () => string, extraHeaders: Record<string, string> = {}) {
  const pages = {
    /** What a page asked for with `?hold` waits for before it is served (a navigation that waits for a condition, not a guessed time). */
    hold: null as (() => Promise<unknown>) | null,
  };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    // ?delay=ms: a page its server takes that long to answer (a slow navigation or reload).
    const delay = Number(url.searchParams.get('delay'));
    if (delay > 0) await new Promise((r) => setTimeout(r, Math.min(delay, 10_000)));
    if (url.searchParams.has('hold')) await pages.hold?.();
    const path = normalize(decodeURIComponent(url.pathname));
    const mount = MOUNTS.find(([prefix]) => path.startsWith(prefix));
    const file = mount ? join(ROOT, mount[1], path.slice(mount[0].length)) : join(FIXTURES, path == '/' ? 'index.html' : path);
    try {
      let data: Buffer | string = await readFile(file);
      if (extname(file) == '.html') data = data.toString('utf8').replaceAll('{{ENDPOINT}}', endpoint());
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store', ...extraHeaders }).end(data);
    } catch {
      // SPA fixtures: unknown paths under /app/ serve the app page.
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(pages, {
    url: (p: string) => `http://127.0.0.1:${port}/${p.replace(/^\//, '')}`,
    close: () => new Promise((r) => server.close(r)),
  });
}
