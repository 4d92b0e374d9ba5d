import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { decodeRequest, findMarkers } from './decode.mjs';

/** Requests that are the peers' telemetry (as opposed to pages, scripts and settings). */
const INGEST = [
  /^\/sabu\/v1\/batch/, // Sabu
  /^\/floor/, // the floor
  /^\/(e|batch|i\/v0\/e|capture|s)\/?(\?|$)/, // PostHog
  /^\/v1\/(batch|b|t|p|i|g|a|s)\/?(\?|$)/, // Segment
  /^\/2\/httpapi/, // Amplitude
  /^\/(track|engage|groups)\/?(\?|$)/, // Mixpanel
  /^\/com\.snowplowanalytics\.snowplow\/tp2/, // Snowplow POST
  /^\/i\?/, // Snowplow GET
];

/** What each peer's client expects back; a wrong answer makes some of them retry for ever. */
function answer(path, query, count) {
  if (/^\/(track|engage|groups)/.test(path)) return query.get('verbose') == '1' ? '{"status":1,"error":null}' : '1';
  if (path.startsWith('/2/httpapi')) {
    return JSON.stringify({ code: 200, events_ingested: count, payload_size_bytes: 0, server_upload_time: Date.now() });
  }
  if (path.startsWith('/v1/')) return '{"success":true}';
  return '{"status":1}';
}

/**
 * Sabu's exit protocol as the Sabu collector speaks it (packages/collector ingestRoute +
 * createExitLog): it remembers the `exitId` of every request it answers 2xx (this server
 * answers every telemetry request 200, once received whole), and answers `exitAsk` with
 * those of the asked ids it saw. Honest: an exit request that never arrived is not vouched for.
 */
function createExitAnswers() {
  const seen = new Set();
  return {
    /** The answer body for a Sabu request that asks, or undefined (the usual answer). */
    answer(body) {
      if (!body || typeof body != 'object') return undefined;
      if (typeof body.exitId == 'string') seen.add(body.exitId);
      if (!Array.isArray(body.exitAsk)) return undefined;
      return JSON.stringify({ success: true, exitStored: body.exitAsk.filter((id) => seen.has(id)) });
    },
  };
}

const TYPES = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html; charset=utf-8', '.json': 'application/json' };
const typeOf = (p) => TYPES[p.slice(p.lastIndexOf('.'))] ?? 'application/octet-stream';

/** Bytes of the request head as sent: request line, headers and the blank line. */
function headBytes(req) {
  let n = `${req.method} ${req.url} HTTP/${req.httpVersion}\r\n`.length + 2;
  for (let i = 0; i < req.rawHeaders.length; i += 2) n += Buffer.byteLength(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}\r\n`);
  return n;
}

/**
 * The bench's own collector on 127.0.0.1: serves the test pages and the SDK files, and
 * accepts every peer's wire format, counting requests, body bytes (as sent, compressed
 * or not), wire bytes (body plus request line and headers) and distinct events. The
 * figures are read per measurement with `startWindow()`.
 *
 * @param {{ files: Map<string, string>, page: (id: string, query: URLSearchParams, origin: string) => string | null }} o
 */
export async function startBenchServer(o) {
  const fileCache = new Map();
  let win = newWindow('');
  const other = [];
  const exits = createExitAnswers();

  function newWindow(run) {
    return { run, start: performance.now(), requests: 0, bodyBytes: 0, wireBytes: 0, markers: 0, seen: new Set(), lastNewAt: 0, foreign: 0, paths: new Map() };
  }

  function record(req, body) {
    const w = win;
    const markers = findMarkers(decodeRequest(body, req.headers, req.url));
    w.requests++;
    w.bodyBytes += body.length;
    w.wireBytes += body.length + headBytes(req);
    const path = req.url.replace(/\?.*/, '');
    w.paths.set(path, (w.paths.get(path) ?? 0) + 1);
    for (const m of markers) {
      if (m.run != w.run) {
        w.foreign++;
        continue;
      }
      w.markers++;
      if (!w.seen.has(m.n)) {
        w.seen.add(m.n);
        w.lastNewAt = performance.now();
      }
    }
    return markers.length;
  }

  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      try {
        const url = new URL(req.url, origin);
        const path = url.pathname;
        const body = Buffer.concat(chunks);
        const cors = { 'Access-Control-Allow-Origin': req.headers.origin || '*', 'Access-Control-Allow-Credentials': 'true' };
        if (req.method == 'OPTIONS') {
          res.writeHead(204, { ...cors, 'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] || '*', 'Access-Control-Allow-Methods': 'GET, POST, OPTIONS' });
          return res.end();
        }
        const file = o.files.get(path);
        if (req.method == 'GET' && file) {
          if (!fileCache.has(file)) fileCache.set(file, readFileSync(file));
          res.writeHead(200, { 'Content-Type': typeOf(file), 'Cache-Control': 'no-store' });
          return res.end(fileCache.get(file));
        }
        const pageMatch = /^\/page\/([\w-]+)\.html$/.exec(path);
        if (req.method == 'GET' && (pageMatch || path == '/blank.html')) {
          const html = pageMatch ? o.page(pageMatch[1], url.searchParams, origin) : '<!doctype html><title>away</title><p>away';
          if (html == null) return res.writeHead(404).end();
          res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
          return res.end(html);
        }
        if (INGEST.some((re) => re.test(req.url))) {
          const count = record(req, body);
          res.writeHead(200, { ...cors, 'Content-Type': 'application/json' });
          // Sabu's exit protocol, answered as the Sabu collector does (docs/wire-format.md).
          if (path.startsWith('/sabu/')) return res.end(exits.answer(decodeRequest(body, req.headers, req.url)[0]) ?? answer(path, url.searchParams, count));
          return res.end(answer(path, url.searchParams, count));
        }
        other.push(`${req.method} ${path}`);
        if (path == '/favicon.ico') return res.writeHead(404).end();
        res.writeHead(200, { ...cors, 'Content-Type': 'application/json' });
        res.end('{}');
      } catch (err) {
        res.writeHead(500).end(String(err));
      }
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${server.address().port}`;

  return {
    origin,
    /** Starts counting for one measurement; events of other runs are ignored. */
    startWindow(run) {
      win = newWindow(run);
      return win;
    },
    get window() {
      return win;
    },
    /** Requests that were neither pages, files nor telemetry (settings, flags): what peers asked for. */
    otherRequests: () => other.slice(),
    close: () => new Promise((r) => server.close(r)),
  };
}
