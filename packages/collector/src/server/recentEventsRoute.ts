import type { FastifyInstance } from 'fastify';
import type { ReadAuth } from './createReadAuth.js';
import type { Store } from '../store/Store.js';
import { CursorError } from '../store/duckdb/recentEvents.js';

/** Events per answer when the client does not say; the most it may ask for. */
export const RECENT_DEFAULT_LIMIT = 100;
export const RECENT_MAX_LIMIT = 500;

/**
 * `GET /v1/events/recent?after=&event=&person=&limit=`: the live view's feed (the dashboard
 * polls it, `sabu tail` too). Read key as for reports. Answers
 * `{ events: [...oldest first], cursor }`; the cursor passed back as `after` returns only
 * newer events.
 */
export function registerRecentEvents(app: FastifyInstance, deps: { readAuth: ReadAuth; store: Store }) {
  app.get('/v1/events/recent', async (req, reply) => {
    const query = req.query as Record<string, string | string[] | undefined>;
    const project = deps.readAuth(req, reply);
    if (!project) return reply;
    reply.header('Cache-Control', 'no-store');
    const limitRaw = one(query.limit);
    const limit = limitRaw === undefined ? RECENT_DEFAULT_LIMIT : Number(limitRaw);
    if (!Number.isInteger(limit) || limit < 1 || limit > RECENT_MAX_LIMIT) {
      return reply.code(400).send({ error: 'invalid_parameters', message: `limit: expected a whole number from 1 to ${RECENT_MAX_LIMIT} (got "${limitRaw}")` });
    }
    try {
      return await deps.store.recentEvents({
        projectId: project.id,
        after: nonEmpty(one(query.after)),
        event: nonEmpty(one(query.event)),
        person: nonEmpty(one(query.person)),
        limit,
      });
    } catch (e) {
      if (e instanceof CursorError) return reply.code(400).send({ error: 'invalid_parameters', message: e.message });
      throw e;
    }
  });
}

/** A repeated parameter (`?event=a&event=b`) counts once: the last wins, as in URLSearchParams.set. */
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[v.length - 1] : v);
/** `?event=` (an empty filter box) means no filter. */
const nonEmpty = (v: string | undefined) => (v === undefined || v === '' ? undefined : v);
