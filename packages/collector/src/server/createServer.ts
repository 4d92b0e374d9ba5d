import Fastify, { type FastifyInstance } from 'fastify';
import { MAX_BATCH_BYTES } from '@sabu/schema/limits';
import type { CollectorConfig } from '../config/configSchema.js';
import { createKeyring } from '../ingest/createKeyring.js';
import type { Store } from '../store/Store.js';
import { registerBodyDecoding } from './decodeBody.js';
import { registerCors } from './registerCors.js';
import { INGEST_PATHS, registerIngest } from './ingestRoute.js';
import { registerReports } from './reportRoute.js';
import { registerDashboard } from './registerDashboard.js';
import { registerRecentEvents } from './recentEventsRoute.js';

export interface CreateServerOptions {
  config: CollectorConfig;
  store: Store;
  /** Fastify's (pino) log: `true`, or options such as `{ level: 'warn' }`. @default false */
  logger?: boolean | { level: string };
  /** Clock for receivedAt and rate limits (tests). @default Date.now */
  now?: () => number;
}

/**
 * The collector's HTTP app: ingest, reports, dashboard, health. Fastify, because it is
 * among the fastest Node servers, validates and limits bodies itself, and has
 * `return503OnClosing` + `close()` for a clean SIGTERM drain.
 */
export function createServer(o: CreateServerOptions): FastifyInstance {
  const app = Fastify({
    logger: o.logger ?? false,
    bodyLimit: MAX_BATCH_BYTES,
    // Behind a proxy, set SABU_TRUST_PROXY=1 so rate limits see the client, not the proxy.
    trustProxy: process.env.SABU_TRUST_PROXY == '1',
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });
  const keyring = createKeyring(o.config);
  registerBodyDecoding(app);
  registerCors(app, keyring, INGEST_PATHS);
  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
    const origin = req.headers.origin;
    if (origin && keyring.originKnown(origin)) reply.header('Access-Control-Allow-Origin', origin).header('Vary', 'Origin');
    if (status == 413) return reply.code(413).send({ error: 'payload_too_large', message: `the body is over ${MAX_BATCH_BYTES} bytes (after decompression); send smaller batches` });
    if (status >= 500) req.log.error(err);
    return reply.code(status).send({ error: status >= 500 ? 'internal_error' : (err.code ?? 'bad_request'), message: status >= 500 ? 'the collector could not store or read the data; retry later' : err.message });
  });
  // Healthy = the process answers and the database answers a query.
  app.get('/healthz', async () => {
    await o.store.querySql('SELECT 1');
    return { ok: true };
  });
  registerIngest(app, { config: o.config, keyring, store: o.store, now: o.now });
  registerReports(app, { config: o.config, keyring, store: o.store });
  registerRecentEvents(app, { keyring, store: o.store });
  registerDashboard(app);
  return app;
}
