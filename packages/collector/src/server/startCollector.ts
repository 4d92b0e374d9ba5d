import type { FastifyInstance } from 'fastify';
import type { CollectorConfig } from '../config/configSchema.js';
import { openStore } from '../store/openStore.js';
import type { Store } from '../store/Store.js';
import { createServer } from './createServer.js';
import { listenError } from './listenError.js';
import { createPlaybookRunner, type PlaybookRunner } from '../playbooks/createPlaybookRunner.js';
import { outboxPathFor } from '../playbooks/outboxPathFor.js';

export interface RunningCollector {
  url: string;
  app: FastifyInstance;
  store: Store;
  /** The playbook rules' evaluator and webhook sender (idle without rules). */
  playbooks: PlaybookRunner;
  /** Stops taking requests, finishes in-flight ones, commits and closes the database. */
  close(): Promise<void>;
}

export interface StartOptions {
  /** Fastify's log. @default false */
  logger?: boolean | { level: string };
  /** Plain lines for the operator (a refused origin). @default stderr */
  notice?: (line: string) => void;
  /** Exit the process cleanly on SIGTERM / SIGINT. @default false */
  handleSignals?: boolean;
  /** An already open store (tests, the demo loading data first). */
  store?: Store;
}

/**
 * Opens the store, listens, and (optionally) drains on SIGTERM before exiting. A port in
 * use, a bad host or a database path that cannot be used rejects with a StartError (one
 * line, what to change); a store passed in stays open for the caller to close.
 */
export async function startCollector(config: CollectorConfig, o: StartOptions = {}): Promise<RunningCollector> {
  const store = o.store ?? (await openStore(config));
  const playbooks = createPlaybookRunner({ config, store, outboxPath: outboxPathFor(config.database), log: o.notice });
  const app = createServer({ config, store, logger: o.logger, notice: o.notice, playbooks });
  let draining = false;
  // Responses finished during a drain close their connection, so a client's idle
  // keep-alive socket cannot hold the shutdown open until it times out.
  app.addHook('onSend', async (_req, reply, payload) => {
    if (draining) reply.header('Connection', 'close');
    return payload;
  });
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (e) {
    await app.close().catch(() => {});
    await playbooks.close().catch(() => {});
    if (!o.store) await store.close().catch(() => {});
    throw listenError(e, config.host, config.port);
  }
  const addr = app.server.address();
  const port = typeof addr == 'object' && addr ? addr.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      draining = true;
      // app.close() stops accepting, answers new requests 503 and waits for in-flight
      // handlers, each of which only returns after its events are committed.
      await app.close();
      // Attempts in flight finish (or time out); what is not delivered stays in the outbox for the next start.
      await playbooks.close();
      await store.close();
    })());
  if (o.handleSignals) {
    const onSignal = (sig: NodeJS.Signals) => {
      const timer = setTimeout(() => {
        console.error(`[sabu] ${sig}: in-flight requests did not finish within ${config.shutdownTimeoutMs} ms; exiting`);
        process.exit(1);
      }, config.shutdownTimeoutMs);
      timer.unref();
      close().then(
        () => process.exit(0),
        (e) => {
          console.error('[sabu] error while shutting down:', e);
          process.exit(1);
        },
      );
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  }
  playbooks.start();
  return { url: `http://${host}:${port}`, app, store, playbooks, close };
}
