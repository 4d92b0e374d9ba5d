// The demo: serves examples/basic with the built SDK, and a local endpoint that prints
// every batch it receives. Run with `npm start` (builds first).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';

const PORT = Number(process.env.PORT ?? 8080);
const FILES = {
  '/': ['examples/basic/index.html', 'text/html; charset=utf-8'],
  '/settings': ['examples/basic/index.html', 'text/html; charset=utf-8'],
  '/sabu.min.js': ['packages/sdk/dist/sabu.min.js', 'text/javascript'],
  '/sabu.min.js.map': ['packages/sdk/dist/sabu.min.js.map', 'application/json'],
  '/esm/': ['examples/esm/index.html', 'text/html; charset=utf-8'],
};
/** The ES module example loads the built ESM files through an import map. */
const ESM = [
  ['/esm/sdk/', 'packages/sdk/dist/'],
  ['/esm/schema/', 'packages/schema/dist/'],
  ['/esm/idb-keyval/', 'node_modules/idb-keyval/dist/'],
];

const server = createServer(async (req, res) => {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (req.method == 'POST' && path == '/v1/batch') {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    let raw = Buffer.concat(chunks);
    if (req.headers['content-encoding'] == 'gzip') raw = gunzipSync(raw);
    try {
      const body = JSON.parse(raw.toString('utf8'));
      console.log(`\nbatch of ${body.batch.length} (${req.headers['content-encoding'] ?? 'uncompressed'}, ${req.headers['content-type']}):`);
      for (const m of body.batch) {
        console.log(`  ${m.timestamp}  ${m.type.padEnd(8)} ${m.event ?? m.name ?? ''}  user=${m.userId ?? '-'} anon=${m.anonymousId.slice(0, 8)} ${JSON.stringify(m.properties ?? m.traits ?? {})}`);
      }
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
    } catch (err) {
      res.writeHead(400).end(JSON.stringify({ error: String(err) }));
    }
    return;
  }
  const mount = ESM.find(([prefix]) => path.startsWith(prefix) && !path.includes('..'));
  const file = FILES[path] ?? (mount && [mount[1] + path.slice(mount[0].length), 'text/javascript']);
  if (!file) return void res.writeHead(404).end('not found');
  res.writeHead(200, { 'Content-Type': file[1] }).end(await readFile(file[0]));
});

server.listen(PORT, '127.0.0.1', () => {
  console.log(`Sabu demo: open http://127.0.0.1:${PORT}/ (script tag) or http://127.0.0.1:${PORT}/esm/ (ES module) and click around; batches print here. Ctrl-C to stop.`);
});
