import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { batchSchema } from '@sabu/schema';
import { MAX_EVENT_BYTES } from '@sabu/schema/limits';
import type { CollectorConfig } from '../config/configSchema.js';
import { formatIssues } from '../config/formatIssues.js';
import type { Keyring } from '../ingest/createKeyring.js';
import { createRateLimiter } from '../ingest/createRateLimiter.js';
import { createExitLog } from '../ingest/createExitLog.js';
import { validateEvents } from '../ingest/validateEvents.js';
import { toEventRow } from '../ingest/toEventRow.js';
import { SEGMENT_BATCH_PATHS, SEGMENT_CALL_PATHS, toBatchBody } from '../ingest/fromSegmentCall.js';
import type { Store } from '../store/Store.js';
import { allowOrigin } from './registerCors.js';
import type { OriginRefusalLog } from './createOriginRefusalLog.js';
import { describeError } from './describeError.js';

/**
 * Paths the SDK posts to (beacons at page exit use the same URL as normal batches), and
 * Segment's HTTP Tracking API, so Segment's own libraries can send here too.
 */
export const INGEST_PATHS = ['/v1/batch', ...SEGMENT_BATCH_PATHS, ...SEGMENT_CALL_PATHS.keys()];

/** Segment's HTTP API also takes the write key as Basic auth user name. */
function basicAuthKey(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (!h?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(h.slice(6), 'base64').toString('utf8');
  return decoded.split(':')[0] || undefined;
}

function fail(reply: FastifyReply, status: number, error: string, message: string, extra: object = {}) {
  return reply.code(status).send({ error, message, ...extra });
}

export function registerIngest(app: FastifyInstance, deps: { config: CollectorConfig; keyring: Keyring; store: Store; now?: () => number; refusals?: OriginRefusalLog }) {
  const { keyring, store } = deps;
  const now = deps.now ?? Date.now;
  const limiter = createRateLimiter(deps.config.rateLimit.max, deps.config.rateLimit.windowMs, now);
  const exits = createExitLog(now);

  for (const url of INGEST_PATHS) {
    app.post(url, async (req, reply) => {
      const receivedAt = now();
      const body = toBatchBody(url, req.body) as Record<string, unknown> | undefined;
      const origin = req.headers.origin;
      // Let a page of any configured origin read our answer, errors included: a browser
      // that cannot read a 401 or 403 sees a network error and retries forever.
      if (origin && keyring.originKnown(origin)) allowOrigin(reply, origin);
      const writeKey = (body && typeof body == 'object' && typeof body.writeKey == 'string' ? body.writeKey : undefined) ?? basicAuthKey(req);
      const project = keyring.projectForWriteKey(writeKey);
      // Guessing keys is limited too, per IP, so a flood of bad keys cannot cost unlimited parsing.
      const wait = limiter.hit(project ? `${writeKey}\u0000${req.ip}` : `\u0000unknown\u0000${req.ip}`);
      if (wait) {
        reply.header('Retry-After', String(wait));
        return fail(reply, 429, 'rate_limited', `too many requests for this write key from ${req.ip}; retry in ${wait} s`, { retryAfter: wait });
      }
      if (!project) return fail(reply, 401, 'unknown_write_key', writeKey ? 'the write key is not configured in any project' : 'send the write key as "writeKey" in the body or as Basic auth');
      if (origin && !keyring.originAllowed(project, origin)) {
        deps.refusals?.refused(origin, project);
        return fail(reply, 403, 'origin_not_allowed', `origin ${origin} is not in the allow-list of project "${project.id}"; add it to projects[].origins`);
      }
      const envelope = batchSchema.safeParse(body);
      if (!envelope.success) return fail(reply, 400, 'invalid_batch', formatIssues(envelope.error.issues).join('; '), { accepted: 0 });
      const checked = validateEvents(envelope.data.batch);
      if (checked.tooLarge) {
        const { index, bytes } = checked.tooLarge;
        return fail(reply, 413, 'event_too_large', `batch[${index}] is ${bytes} bytes; the limit per event is ${MAX_EVENT_BYTES}`, { index, accepted: 0 });
      }
      const sentAt = envelope.data.sentAt ? Date.parse(envelope.data.sentAt) : undefined;
      const rows = checked.valid.map((m) => toEventRow(m, project.id, sentAt, receivedAt));
      const { exitId, exitAsk } = envelope.data;
      // Acknowledge only what is committed: the store resolves after the transaction.
      try {
        // A question alone carries no events (see exitAsk in docs/wire-format.md).
        const insert = rows.length ? store.insertEvents(rows) : Promise.resolve();
        await (exitId ? exits.storing(project.id, exitId, insert) : insert);
      } catch (e) {
        // Ids and sizes, never the events: their properties and traits are user data.
        req.log.error(
          { error: describeError(e), project: project.id, events: rows.length, messageIds: rows.slice(0, 10).map((r) => r.messageId), bytes: Number(req.headers['content-length']) || undefined },
          'storing events failed',
        );
        return fail(reply, 500, 'internal_error', 'the collector could not store the events; retry later');
      }
      if (checked.invalid.length) {
        const n = new Set(checked.invalid.map((p) => p.index)).size;
        return fail(
          reply,
          400,
          'invalid_events',
          `${n} of ${envelope.data.batch.length} events are invalid and were dropped; the other ${rows.length} were stored`,
          { accepted: rows.length, rejected: n, errors: checked.invalid.slice(0, 100) },
        );
      }
      // Remembered only once stored whole, as its 2xx says: a page then need not send it again.
      if (exitId) exits.stored(project.id, exitId);
      const exitStored = exitAsk && (await exits.answer(project.id, exitAsk));
      return reply.code(200).send({ success: true, accepted: rows.length, ...(exitStored && { exitStored }) });
    });
  }
}
