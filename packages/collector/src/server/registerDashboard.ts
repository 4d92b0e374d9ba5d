import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
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
 * The dashboard: static files from `dashboard/` and the charting library (uPlot) from
 * node_modules, so it works with no network beyond the collector itself.
 */
export function registerDashboard(app: FastifyInstance) {
  const root = join(packageDir(), 'dashboard');
  const require = createRequire(import.meta.url);
  const uplotDir = dirname(require.resolve('uplot'));
  const vendor: Record<string, string> = {
    'uPlot.iife.min.js': join(uplotDir, 'uPlot.iife.min.js'),
    'uPlot.min.css': join(uplotDir, 'uPlot.min.css'),
  };
  const send = async (file: string, reply: import('fastify').FastifyReply) => {
    const ext = file.slice(file.lastIndexOf('.'));
    reply.header('Content-Type', TYPES[ext] ?? 'application/octet-stream');
    reply.header('Content-Security-Policy', "default-src 'self'; style-src 'self'; img-src 'self' data:");
    reply.header('X-Content-Type-Options', 'nosniff');
    return reply.send(await readFile(file));
  };
  app.get('/', async (_req, reply) => reply.redirect('/dashboard/'));
  app.get('/dashboard', async (_req, reply) => reply.redirect('/dashboard/'));
  app.get('/dashboard/*', async (req, reply) => {
    const rel = (req.params as { '*': string })['*'] || 'index.html';
    if (rel.startsWith('vendor/')) {
      const f = vendor[rel.slice(7)];
      return f ? send(f, reply) : reply.code(404).send({ error: 'not_found' });
    }
    const file = resolve(root, rel);
    if (!file.startsWith(root + sep) || !existsSync(file)) return reply.code(404).send({ error: 'not_found' });
    return send(file, reply);
  });
}
