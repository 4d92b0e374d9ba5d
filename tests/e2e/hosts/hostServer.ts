import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const HOSTS = join(ROOT, 'tests/e2e/hosts');

/** URL prefix → folder. Packages' own files are served as published (no copies). */
const MOUNTS: [string, string][] = [
  ['/dist/', 'packages/sdk/dist/'],
  ['/hosts/shared/', 'tests/e2e/hosts/shared/'],
  ['/hosts/apps/', 'tests/e2e/hosts/apps/'],
  ['/vendor/bootstrap/', 'node_modules/bootstrap/dist/'],
  ['/vendor/tailwindcss/', 'node_modules/tailwindcss/'],
];

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.map': 'application/json',
  '.json': 'application/json',
};

/**
 * The Sabu install every host page gets, where its HTML says `{{SABU}}`: the documented
 * snippet, then the async script tag with a checklist and an NPS survey. A page that
 * says it twice includes Sabu twice, as a careless template does.
 */
const SABU = (endpoint: string) =>
  `<script src="/hosts/shared/snippet.js"></script>\n` +
  `<script async src="/dist/sabu.min.js" data-write-key="wk_test" data-endpoint="${endpoint}" data-flush-interval="100"` +
  ` data-checklist="/hosts/shared/checklist.json" data-surveys="/hosts/shared/nps.json"></script>`;

/**
 * Serves the host pages: `/h/<host>/<anything>` is `pages/<host>.html` (client-side routers
 * own every path under their base, as a real server's fallback does), `/build/` the bundles
 * built for this run, and the mounts above.
 */
export async function startHostPages(endpoint: () => string, built: Map<string, string>) {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const host = /^\/h\/([a-z0-9-]+)(\/|$)/.exec(path)?.[1];
    const mount = MOUNTS.find(([prefix]) => path.startsWith(prefix));
    const file = host
      ? join(HOSTS, 'pages', host + '.html')
      : path.startsWith('/build/')
        ? built.get(path.slice('/build/'.length))
        : mount && join(ROOT, mount[1], path.slice(mount[0].length));
    try {
      if (!file) throw new Error('not served');
      let data: Buffer | string = await readFile(file);
      if (extname(file) == '.html') data = data.toString('utf8').replaceAll('{{SABU}}', SABU(endpoint()));
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' }).end(data);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (p: string) => `http://127.0.0.1:${port}/${p.replace(/^\//, '')}`,
    close: () => new Promise((r) => server.close(r)),
  };
}
