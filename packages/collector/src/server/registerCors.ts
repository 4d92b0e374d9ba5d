import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Keyring } from '../ingest/createKeyring.js';
import type { OriginRefusalLog } from './createOriginRefusalLog.js';

/** Headers the SDK or a host's `headers` option may add; preflights for them must pass. */
const ALLOWED_HEADERS = 'Content-Type, Content-Encoding, Authorization, X-Requested-With';
/** Let the SDK read Retry-After on 429/503 (not CORS-safelisted). */
const EXPOSED_HEADERS = 'Retry-After';
/** Browsers cap this anyway (Chromium: 2 hours). */
const MAX_AGE_S = 7200;

export function allowOrigin(reply: FastifyReply, origin: string) {
  reply.header('Access-Control-Allow-Origin', origin);
  reply.header('Access-Control-Expose-Headers', EXPOSED_HEADERS);
  reply.header('Vary', 'Origin');
}

/**
 * CORS for the ingest path. The allow-list is per write key, and the key is in the body,
 * so a preflight (no body) is answered for origins some project allows, and the POST is
 * then checked against its own key's list (403 otherwise, see ingest route).
 * @fastify/cors decides before the body is read, which cannot express this.
 */
export function registerCors(app: FastifyInstance, keyring: Keyring, paths: string[], refusals?: OriginRefusalLog) {
  for (const url of paths) {
    app.options(url, async (req, reply) => {
      const origin = req.headers.origin;
      if (origin && !keyring.originKnown(origin)) refusals?.refused(origin, undefined);
      if (!origin || !keyring.originKnown(origin)) return reply.code(403).send({ error: 'origin_not_allowed', message: `origin ${origin ?? '(none)'} is not allowed by any project` });
      allowOrigin(reply, origin);
      reply.header('Access-Control-Allow-Methods', 'POST, OPTIONS');
      reply.header('Access-Control-Allow-Headers', req.headers['access-control-request-headers'] ? ALLOWED_HEADERS + ', ' + String(req.headers['access-control-request-headers']) : ALLOWED_HEADERS);
      reply.header('Access-Control-Max-Age', String(MAX_AGE_S));
      return reply.code(204).send();
    });
  }
}
