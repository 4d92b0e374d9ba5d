// A tiny static server for the example app: its files, the built SDK, and index.html with
// the collector's endpoint and write key filled in. Used by examples/demo.mjs and the e2e test.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = (p) => fileURLToPath(new URL(p, import.meta.url));
const FILES = {
  '/': [root('./index.html'), 'text/html; charset=utf-8'],
  '/boot.js': [root('./boot.js'), 'text/javascript; charset=utf-8'],
  '/app.js': [root('./app.js'), 'text/javascript; charset=utf-8'],
  '/styles.css': [root('./styles.css'), 'text/css; charset=utf-8'],
  '/onboarding.json': [root('./onboarding.json'), 'application/json'],
  '/nps-survey.json': [root('./nps-survey.json'), 'application/json'],
  '/playbooks.json': [root('./playbooks.json'), 'application/json'],
  '/sabu.min.js': [root('../../packages/sdk/dist/sabu.min.js'), 'text/javascript; charset=utf-8'],
  '/sabu.min.js.map': [root('../../packages/sdk/dist/sabu.min.js.map'), 'application/json'],
  '/favicon.svg': [root('./favicon.svg'), 'image/svg+xml'],
};
/** The repository's guides, linked from the example checklist (plain text: they are Markdown). */
const DOCS = /^\/docs\/[a-z-]+\.md$/;
/** Chunks the SDK loads on demand (web vitals, UI) sit next to sabu.min.js. */
const SDK_DIST = root('../../packages/sdk/dist/');

/**
 * @param {{ endpoint: string, writeKey: string, port?: number, host?: string }} o
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function serveSaasApp(o) {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    let file = FILES[path];
    if (!file && /^\/[\w.-]+\.js$/.test(path)) file = [SDK_DIST + path.slice(1), 'text/javascript; charset=utf-8'];
    if (!file && DOCS.test(path)) file = [root(`../..${path}`), 'text/plain; charset=utf-8'];
    if (!file) return void res.writeHead(404).end('not found');
    try {
      let body = await readFile(file[0]);
      if (path == '/') body = body.toString('utf8').replaceAll('{{ENDPOINT}}', o.endpoint).replaceAll('{{WRITE_KEY}}', o.writeKey);
      res.writeHead(200, { 'Content-Type': file[1], 'Cache-Control': 'no-store' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(o.port ?? 0, o.host ?? '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://${o.host ?? '127.0.0.1'}:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}
