/**
 * Segment's HTTP Tracking API, single-call endpoints: analytics-next posts each call to
 * `{apiHost}/t`, `/i`, `/p`, `/g`, `/a`, `/s`, server libraries and curl users to the long
 * forms. The body is one message (with `writeKey` and `sentAt` beside its fields); the type
 * comes from the path, as at Segment. Ingest turns it into a one-event batch so every rule
 * of `/v1/batch` (limits, de-duplication, clock skew, answers) applies unchanged.
 */
const CALL_TYPES = { track: 't', identify: 'i', page: 'p', group: 'g', alias: 'a', screen: 's' } as const;

/** Path → message type, long and short forms. */
export const SEGMENT_CALL_PATHS: ReadonlyMap<string, string> = new Map(
  Object.entries(CALL_TYPES).flatMap(([type, short]) => [
    [`/v1/${type}`, type],
    [`/v1/${short}`, type],
  ]),
);

/** analytics-next's batching delivery strategy posts whole batches to `{apiHost}/b`. */
export const SEGMENT_BATCH_PATHS = ['/v1/b'];

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v == 'object' && !Array.isArray(v);

/**
 * The request body as `/v1/batch` reads it: a single call becomes `{ batch: [call],
 * writeKey, sentAt }`; a batch's top-level `context` applies to each of its calls (Segment's
 * rule), the call's own context fields winning.
 */
export function toBatchBody(path: string, body: unknown): unknown {
  const type = SEGMENT_CALL_PATHS.get(path);
  if (!type) return withBatchContext(body);
  if (!isObject(body)) return { batch: [body] };
  const { writeKey, sentAt } = body;
  return { batch: [{ ...body, type }], writeKey, sentAt };
}

function withBatchContext(body: unknown): unknown {
  if (!isObject(body) || !isObject(body.context) || !Array.isArray(body.batch)) return body;
  const shared = body.context;
  return { ...body, batch: body.batch.map((m: unknown) => (isObject(m) ? { ...m, context: { ...shared, ...(isObject(m.context) ? m.context : {}) } } : m)) };
}
