import Fastify, { type FastifyInstance } from 'fastify';
import { MAX_BATCH_BYTES } from '@sabu/schema/limits';
import type { CollectorConfig } from '../config/configSchema.js';
import { createKeyring } from '../ingest/createKeyring.js';
import type { Store } from '../store/Store.js';
import { registerBodyDecoding } from './decodeBody.js';
import { describeError } from './describeError.js';
import { serializeRequest } from './serializeRequest.js';
import { registerCors } from './registerCors.js';
import { createOriginRefusalLog, type Notice } from './createOriginRefusalLog.js';
import { INGEST_PATHS, registerIngest } from './ingestRoute.js';
import { registerReports } from './reportRoute.js';
import { createReadAuth } from './createReadAuth.js';
import { registerDashboard } from './registerDashboard.js';
import { registerRecentEvents } from './recentEventsRoute.js';
import { registerSdk } from './registerSdk.js';
import { registerPlaybooks } from './playbooksRoute.js';
import { STATE_PATH, registerState } from './stateRoute.js';
import type { PlaybookRunner } from '../playbooks/createPlaybookRunner.js';

export interface CreateServerOptions {
  config: CollectorConfig;
  store: Store;
  /**
   * Fastify's (pino) log: `true`, or options such as `{ level: 'warn' }`; `stream` receives
   * the JSON lines (tests read it). @default false
   */
  logger?: boolean | { level: string; stream?: { write(line: string): void } };
  /** Clock for receivedAt and rate limits (tests). @default Date.now */
  now?: () => number;
  /** Plain lines for the operator, such as a refused origin (once per project and origin). @default stderr */
  notice?: Notice;
  /** The playbook runner behind /v1/playbooks/* (startCollector makes one). @default none: those answer 404 */
  playbooks?: PlaybookRunner;
}

/**
 * The collector's HTTP app: ingest, reports, dashboard, health. Fastify, because it is
 * among the fastest Node servers, validates and limits bodies itself, and has
 * `return503OnClosing` + `close()` for a clean SIGTERM drain.
 */
export function createServer(o: CreateServerOptions): FastifyInstance {
  const app = Fastify({
    logger: o.logger ? { ...(o.logger === true ? { level: 'info' } : o.logger), serializers: { req: serializeRequest } } : false,
    bodyLimit: MAX_BATCH_BYTES,
    // Behind a proxy, set SABU_TRUST_PROXY=1 so rate limits see the client, not the proxy.
    trustProxy: process.env.SABU_TRUST_PROXY == '1',
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // Stalled and trickling uploads (issue 11): Node answers 408 and closes a connection
    // whose request is not complete after requestTimeoutMs, checking every few seconds.
    // No idle-socket timeout (`connectionTimeout`): it would also cut a long report.
    requestTimeout: o.config.requestTimeoutMs,
    keepAliveTimeout: o.config.keepAliveTimeoutMs,
    http: {
      headersTimeout: Math.min(o.config.headersTimeoutMs, o.config.requestTimeoutMs),
      connectionsCheckingInterval: checkingInterval(o.config.requestTimeoutMs),
    },
  });
  // Beyond this, new connections are closed at once: descriptors and buffered bodies stay bounded.
  app.server.maxConnections = o.config.maxConnections;
  const keyring = createKeyring(o.config);
  const readAuth = createReadAuth({ keyring, ...o.config.readAuthLimit, now: o.now });
  registerBodyDecoding(app);
  const refusals = createOriginRefusalLog(o.config, o.notice);
  registerCors(app, keyring, [...INGEST_PATHS, STATE_PATH], refusals);
  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
    const origin = req.headers.origin;
    if (origin && keyring.originKnown(origin)) reply.header('Access-Control-Allow-Origin', origin).header('Vary', 'Origin');
    if (status == 413) return reply.code(413).send({ error: 'payload_too_large', message: `the body is over ${MAX_BATCH_BYTES} bytes (after decompression); send smaller batches` });
    // Ids, sizes and the error's kind only: never a body, whose events carry user data.
    if (status >= 500) req.log.error({ error: describeError(err), route: req.routeOptions.url, bytes: Number(req.headers['content-length']) || undefined }, 'request failed');
    return reply.code(status).send({ error: status >= 500 ? 'internal_error' : (err.code ?? 'bad_request'), message: status >= 500 ? 'the collector could not store or read the data; retry later' : err.message });
  });
  // Healthy = the process answers and the database answers a query.
  app.get('/healthz', async () => {
    await o.store.querySql('SELECT 1');
    return { ok: true };
  });
  registerIngest(app, { config: o.config, keyring, store: o.store, now: o.now, refusals });
  registerReports(app, { config: o.config, readAuth, store: o.store });
  registerRecentEvents(app, { readAuth, store: o.store });
  registerPlaybooks(app, { readAuth, runner: o.playbooks, config: o.config });
  registerState(app, { config: o.config, keyring, store: o.store, now: o.now });
  registerSdk(app);
  registerDashboard(app);
  return app;
}

/**
 * How often Node looks for requests over their time: Node's default is 30 s, which would
 * let a stalled upload live up to 30 s past the timeout. A quarter of the timeout, 5 s at
 * most, bounds the overshoot.
 */
function checkingInterval(requestTimeoutMs: number): number {
  return Math.max(50, Math.min(5_000, Math.floor(requestTimeoutMs / 4)));
}
