import { z } from 'zod';
import { MAX_ID_LENGTH, MAX_MESSAGE_ID_LENGTH, MAX_NAME_LENGTH } from './limits.js';
import { contextSchema, groupSchema, identifySchema, pageSchema, trackSchema } from './event.js';

/**
 * What a collector accepts: the Segment spec, not only what Sabu's SDK sends. Segment's
 * own libraries send server-side events with a `userId` and no `anonymousId`, and also
 * `alias` and `screen` calls. Sabu's SDK always sends an anonymousId (messageSchema), so
 * its messages are a subset of these. Unknown fields such as `integrations` and
 * `_metadata` are accepted and dropped.
 */

const id = z.string().min(1).max(MAX_ID_LENGTH);
/**
 * Either id may be missing (or null, as analytics-next sends a userId before identify).
 * `messageId` and `timestamp` are optional in Segment's HTTP API (a hand-written call may
 * leave them out): the collector then makes an id and uses the time the call was sent.
 */
/**
 * Context as other libraries fill it: Sabu's SDK always sends a whole `page` and `screen`,
 * a server library may send `page: { path }` alone. Each field keeps its type.
 */
const incomingContext = contextSchema.extend({
  page: contextSchema.shape.page.unwrap().partial().loose().optional(),
  screen: contextSchema.shape.screen.unwrap().partial().loose().optional(),
  library: contextSchema.shape.library.unwrap().partial().loose().optional(),
});
const ids = {
  context: incomingContext.optional(),
  anonymousId: id.nullish(),
  userId: id.nullish(),
  messageId: z.string().min(1).max(MAX_MESSAGE_ID_LENGTH).optional(),
  timestamp: z.iso.datetime({ offset: true }).optional(),
};
const name = z.string().max(MAX_NAME_LENGTH).nullish();
const json = z.record(z.string(), z.unknown());

export const incomingTrackSchema = trackSchema.extend(ids);
export const incomingIdentifySchema = identifySchema.extend(ids);
export const incomingGroupSchema = groupSchema.extend(ids);
export const incomingPageSchema = pageSchema.extend({ ...ids, name });
/** A mobile view: stored like a page view, named by `name`. */
export const screenSchema = pageSchema.extend({ ...ids, type: z.literal('screen'), name });
/** `previousId` (an anonymous id or an earlier user id) becomes `userId`. */
export const aliasSchema = identifySchema.omit({ traits: true }).extend({
  ...ids,
  type: z.literal('alias'),
  userId: id,
  previousId: id,
  traits: json.optional(),
});

export const incomingMessageSchema = z
  .discriminatedUnion('type', [incomingTrackSchema, incomingIdentifySchema, incomingGroupSchema, incomingPageSchema, screenSchema, aliasSchema])
  .superRefine((m, ctx) => {
    if (m.anonymousId == null && m.userId == null) {
      ctx.addIssue({ code: 'custom', path: ['anonymousId'], message: 'send a userId or an anonymousId (at least one)' });
    }
  });

/** One event as a collector accepts it (Segment spec). */
export type IncomingMessage = z.infer<typeof incomingMessageSchema>;
export type AliasMessage = z.infer<typeof aliasSchema>;
export type ScreenMessage = z.infer<typeof screenSchema>;
