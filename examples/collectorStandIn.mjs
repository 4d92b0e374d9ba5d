// The collector's stand-in for the Vite examples (examples/react, examples/vue): a Vite
// plugin answering the SDK's `POST /v1/batch` on the dev server (`vite`) and on
// `vite preview`, so each example runs with one command and no collector. It keeps every
// message (on the plugin's `api`, for tests/e2e/frameworks.test.ts) and prints it through
// Vite's logger. A real app sets `endpoint` to its collector instead (docs/collector.md).
import { gunzipSync } from 'node:zlib';

const BATCH_PATH = '/v1/batch';
/** The collector's cap on a body after decompression (docs/collector.md, `MAX_BATCH_BYTES`). */
const MAX_BODY = 500_000;

/** One line per message, as the terminal shows it: `page /reports`, `Feature Used {…}`. */
const describe = (m) => (m.type == 'page' ? `page ${m.properties?.path ?? m.context?.page?.path}` : (m.event ?? m.type)) + (m.type == 'track' && m.properties ? ' ' + JSON.stringify(m.properties) : '');

const tooLarge = () => Object.assign(new Error(`body over ${MAX_BODY} bytes`), { status: 413 });

async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const c of req) {
    if ((size += c.length) > MAX_BODY) throw tooLarge();
    chunks.push(c);
  }
  const body = Buffer.concat(chunks);
  if (req.headers['content-encoding'] != 'gzip') return body;
  try {
    return gunzipSync(body, { maxOutputLength: MAX_BODY });
  } catch (err) {
    throw err?.code == 'ERR_BUFFER_TOO_LARGE' ? tooLarge() : err;
  }
}

/** @returns {import('vite').Plugin & { api: { received: Record<string, any>[] } }} */
export function collectorStandIn() {
  const received = [];
  const handle = (logger) => async (req, res, next) => {
    if (req.method != 'POST' || (req.url ?? '').split('?')[0] != BATCH_PATH) return next();
    let batch;
    try {
      batch = JSON.parse((await readBody(req)).toString('utf8')).batch;
      if (!Array.isArray(batch)) throw new Error('no batch array');
    } catch (err) {
      return res.writeHead(err?.status ?? 400, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: String(err.message ?? err) }));
    }
    // Said once, under Vite's banner: what the lines that follow are.
    if (!received.length && batch.length) logger.info(`\n  Events the app sent to ${BATCH_PATH} (collectorStandIn in vite.config.js):`);
    for (const m of batch) {
      received.push(m);
      logger.info(`  ${describe(m)}`);
    }
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
  };
  return {
    name: 'sabu-collector-stand-in',
    // Vite's convention for what a plugin offers to others (and to tests): `plugin.api`.
    api: { received },
    configureServer: (server) => void server.middlewares.use(handle(server.config.logger)),
    configurePreviewServer: (server) => void server.middlewares.use(handle(server.config.logger)),
  };
}
