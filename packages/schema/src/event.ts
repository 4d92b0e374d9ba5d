import { z } from 'zod';
import { MAX_ID_LENGTH, MAX_MESSAGE_ID_LENGTH, MAX_NAME_LENGTH } from './limits.js';

/**
 * The Segment-spec message shapes Sabu sends. A collector that accepts Segment's
 * tracking API accepts these unchanged; docs/wire-format.md is the prose reference.
 */


const json = z.record(z.string(), z.unknown());

export const campaignSchema = z.object({
  name: z.string().optional(),
  source: z.string().optional(),
  medium: z.string().optional(),
  term: z.string().optional(),
  content: z.string().optional(),
});

export const contextSchema = z
  .object({
    page: z
      .object({
        url: z.string(),
        path: z.string(),
        search: z.string().optional(),
        referrer: z.string().optional(),
        title: z.string().optional(),
      })
      .optional(),
    locale: z.string().optional(),
    timezone: z.string().optional(),
    screen: z
      .object({ width: z.number(), height: z.number(), density: z.number().optional() })
      .optional(),
    userAgent: z.string().optional(),
    campaign: campaignSchema.optional(),
    library: z.object({ name: z.string(), version: z.string() }).optional(),
    sessionId: z.string().optional(),
    groupId: z.string().optional(),
  })
  .loose();

const base = {
  messageId: z.string().min(1).max(MAX_MESSAGE_ID_LENGTH),
  timestamp: z.iso.datetime({ offset: true }),
  anonymousId: z.string().min(1).max(MAX_ID_LENGTH),
  userId: z.string().min(1).max(MAX_ID_LENGTH).nullish(),
  context: contextSchema.optional(),
  sentAt: z.iso.datetime({ offset: true }).optional(),
};

export const trackSchema = z.object({
  ...base,
  type: z.literal('track'),
  event: z.string().min(1).max(MAX_NAME_LENGTH),
  properties: json.optional(),
});
export const identifySchema = z.object({ ...base, type: z.literal('identify'), traits: json.optional() });
export const groupSchema = z.object({
  ...base,
  type: z.literal('group'),
  groupId: z.string().min(1).max(MAX_ID_LENGTH),
  traits: json.optional(),
});
export const pageSchema = z.object({
  ...base,
  type: z.literal('page'),
  name: z.string().max(MAX_NAME_LENGTH).optional(),
  properties: json.optional(),
});

export const messageSchema = z.discriminatedUnion('type', [
  trackSchema,
  identifySchema,
  groupSchema,
  pageSchema,
]);

export type SabuContext = z.infer<typeof contextSchema>;
export type TrackMessage = z.infer<typeof trackSchema>;
export type IdentifyMessage = z.infer<typeof identifySchema>;
export type GroupMessage = z.infer<typeof groupSchema>;
export type PageMessage = z.infer<typeof pageSchema>;
/** One event on the wire. */
export type SabuMessage = z.infer<typeof messageSchema>;
export type MessageType = SabuMessage['type'];
