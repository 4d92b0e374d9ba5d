import type { FastifyInstance } from 'fastify';
import { MAX_ID_LENGTH } from '@sabu/schema/limits';
import type { CollectorConfig } from '../config/configSchema.js';
import type { Keyring } from '../ingest/createKeyring.js';
import type { Store } from '../store/Store.js';
import { createRateLimiter } from '../ingest/createRateLimiter.js';
import { GUIDANCE_EVENTS, deriveGuidanceState } from '../state/deriveGuidanceState.js';
import { identityVerified } from '../state/identitySignature.js';
import { allowOrigin } from './registerCors.js';

export const STATE_PATH = '/v1/state';
/** Events read per request: years of guidance for one person, bounded. */
const MAX_EVENTS = 5_000;

/**
 * `POST /v1/state`: a user's guidance state (checklist progress, prompt budget, survey
 * answers), derived from their stored events, for the SDK to merge on a second device.
 * Body `{ writeKey, userId, signature }` sent as text/plain like ingest, so the browser
 * sends no preflight and the signature stays out of URLs and logs. Served only when the
 * project has `identitySecrets` and the signature is HMAC-SHA256(secret, userId): the
 * write key is public, so it alone must never reveal what a user did.
 */
export function registerState(app: FastifyInstance, deps: { config: CollectorConfig; keyring: Keyring; store: Store; now?: () => number }) {
  // Wrong signatures count against the same per-key-and-client limit as ingest requests.
  const limiter = createRateLimiter(deps.config.rateLimit.max, deps.config.rateLimit.windowMs, deps.now ?? Date.now);
  app.post(STATE_PATH, async (req, reply) => {
    const origin = req.headers.origin;
    reply.header('Cache-Control', 'no-store');
    const body = (req.body && typeof req.body == 'object' ? req.body : {}) as Record<string, unknown>;
    const writeKey = typeof body.writeKey == 'string' ? body.writeKey : undefined;
    const project = deps.keyring.projectForWriteKey(writeKey);
    if (origin && deps.keyring.originKnown(origin)) allowOrigin(reply, origin);
    const wait = limiter.hit(`${writeKey ?? ''}\u0000${req.ip}`);
    if (wait) return reply.code(429).header('Retry-After', String(wait)).send({ error: 'rate_limited', message: `too many requests; retry in ${wait} s` });
    if (!project) return reply.code(401).send({ error: 'unknown_write_key', message: 'send the project\'s write key as "writeKey"' });
    if (origin && !deps.keyring.originAllowed(project, origin)) return reply.code(403).send({ error: 'origin_not_allowed', message: `origin ${origin} is not allowed for this write key` });
    if (!project.identitySecrets?.length) {
      return reply.code(404).send({ error: 'state_disabled', message: 'cross-device state needs identity verification: add identitySecrets to the project in the config' });
    }
    const userId = body.userId;
    if (typeof userId != 'string' || !userId || userId.length > MAX_ID_LENGTH) return reply.code(400).send({ error: 'bad_request', message: `userId: expected a non-empty string of at most ${MAX_ID_LENGTH} characters` });
    if (!identityVerified(project.identitySecrets, userId, body.signature)) {
      return reply.code(401).send({ error: 'invalid_signature', message: 'signature: expected the hex HMAC-SHA256 of the user id with one of the project\'s identitySecrets' });
    }
    const events = await deps.store.personEvents({ projectId: project.id, personId: userId, events: GUIDANCE_EVENTS, limit: MAX_EVENTS });
    return deriveGuidanceState(userId, events);
  });
}
