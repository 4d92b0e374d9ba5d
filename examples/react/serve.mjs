// `npm run example:react`: the Vite-style React example, bundled with esbuild (already a
// dev dependency; no dev server needed) and served with a tiny collector stand-in that
// prints each event. examples/vue/serve.mjs uses the same server.
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SDK_DIST = join(ROOT, 'packages/sdk/dist');
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.json': 'application/json', '.map': 'application/json' };

/**
 * Builds `entry` (an app importing @sabu/react or @sabu/vue as installed from npm) into
 * /app.js and serves it: the SDK's on-demand files (sabu-checklist.js, sabu-surveys.js,
 * sabu-ui.js) beside it, where `checklist()` / `survey()` and `config.ui` find them; the
 * example's JSON (checklist, NPS survey); `POST /v1/batch` kept in `received` (and
 * printed unless `quiet`); every other path is index.html, as an SPA host's fallback.
 */
export async function serveExample({ dir, entry, port = 0, quiet = false }) {
  const out = await build({
    entryPoints: [join(dir, entry)],
    bundle: true,
    write: false,
    format: 'esm',
    minify: true,
    target: 'es2022',
    jsx: 'automatic',
    logLevel: 'error',
    outfile: 'app.js',
    define: { 'process.env.NODE_ENV': '"production"', __VUE_OPTIONS_API__: 'false', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false' },
  });
  const app = out.outputFiles[0].contents;
  const received = [];
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    try {
      if (req.method == 'POST' && path == '/v1/batch') {
        const chunks = [];
        for await (const c of req) chunks.push(c);
        let body = Buffer.concat(chunks);
        if (req.headers['content-encoding'] == 'gzip') body = gunzipSync(body);
        for (const m of JSON.parse(body.toString('utf8')).batch) {
          received.push(m);
          if (!quiet) console.log(`  ${m.type == 'page' ? `page ${m.properties?.path}` : (m.event ?? m.type)}${m.properties && m.type == 'track' ? ' ' + JSON.stringify(m.properties) : ''}`);
        }
        return res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
      }
      let data, type;
      if (path == '/app.js') [data, type] = [app, TYPES['.js']];
      else if (/^\/sabu-[a-z]+\.js(\.map)?$/.test(path)) [data, type] = [await readFile(join(SDK_DIST, path)), TYPES[extname(path)]];
      else if (/^\/[a-z-]+\.json$/.test(path)) [data, type] = [await readFile(join(dir, path)), TYPES['.json']];
      else [data, type] = [await readFile(join(dir, 'index.html')), TYPES['.html']];
      res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' }).end(data);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((r, j) => server.once('error', j).listen(port, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    received,
    close: () => new Promise((r) => (server.closeAllConnections(), server.close(r))),
  };
}

if (import.meta.url == pathToFileURL(process.argv[1] ?? '').href) {
  const s = await serveExample({ dir: fileURLToPath(new URL('.', import.meta.url)), entry: 'src/main.jsx', port: Number(process.env.PORT ?? 5173) });
  console.log(`React example: ${s.url}/  (events are printed below; Ctrl-C to stop)`);
}
