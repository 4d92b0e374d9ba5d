import { readFile } from 'node:fs/promises';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/**
 * Every dashboard answer, 404s included: a strict CSP, and no framing by any site, so a
 * page holding a read key cannot be overlaid for clickjacking (issue 11, item 8).
 * `X-Frame-Options` is for browsers that predate `frame-ancestors`.
 */
const HEADERS: Record<string, string> = {
  'Content-Security-Policy': "default-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** The package folder, found from this module whether it runs from src/ (tests) or dist/. */
export function packageDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'dashboard', 'index.html'))) {
    const up = dirname(dir);
    if (up == dir) throw new Error('[sabu] dashboard files not found next to the collector package');
    dir = up;
  }
  return dir;
}

/**
 * The files the dashboard may serve, by URL path: what is in `dashboard/` at start-up and
 * the charting library. A Map, not an object: a path such as `__proto__` or `toString`
 * must miss (404), not find something every object inherits (it answered 500, issue 11).
 * Being a closed list, it also leaves no path to traverse.
 */
function listFiles(root: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) {
      const abs = join(entry.parentPath, entry.name);
      files.set(abs.slice(root.length + 1).split('\\').join('/'), abs);
    }
  const uplotDir = dirname(createRequire(import.meta.url).resolve('uplot'));
  for (const name of ['uPlot.iife.min.js', 'uPlot.min.css']) files.set(`vendor/${name}`, join(uplotDir, name));
  return files;
}

/**
 * The dashboard: static files from `dashboard/` and the charting library (uPlot) from
 * node_modules, so it works with no network beyond the collector itself.
 */
export function registerDashboard(app: FastifyInstance) {
  const files = listFiles(join(packageDir(), 'dashboard'));
  const secure = (reply: FastifyReply) => {
    for (const [k, v] of Object.entries(HEADERS)) reply.header(k, v);
    return reply;
  };
  app.get('/', async (_req, reply) => reply.redirect('/dashboard/'));
  app.get('/dashboard', async (_req, reply) => reply.redirect('/dashboard/'));
  app.get('/dashboard/*', async (req, reply) => {
    const rel = (req.params as { '*': string })['*'] || 'index.html';
    const file = files.get(rel);
    if (!file) return secure(reply).code(404).send({ error: 'not_found' });
    const ext = file.slice(file.lastIndexOf('.'));
    secure(reply).header('Content-Type', TYPES[ext] ?? 'application/octet-stream');
    return reply.send(await readFile(file));
  });
}
