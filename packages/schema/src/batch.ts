import { z } from 'zod';
import { messageSchema } from './event.js';
import { EXIT_ID, MAX_EXIT_ASK } from './limits.js';

const exitId = z.string().regex(EXIT_ID, 'expected 1 to 64 letters, digits, "_" or "-"');

/**
 * The body of `POST {endpoint}`. Events are validated one by one by collectors (so one bad
 * event does not sink its batch), hence `batch` is an array of unknown here and
 * `messageSchema` is applied per item.
 */
export const batchSchema = z
  .object({
    batch: z.array(z.unknown()).max(2000),
    sentAt: z.iso.datetime({ offset: true }).optional(),
    writeKey: z.string().min(1).optional(),
    /**
     * This is an exit request (sent with keepalive as the page goes): the collector
     * remembers that it stored it, for `exitAsk`. Segment's API ignores the field.
     */
    exitId: exitId.optional(),
    /** Did you store these exit requests? Answered with `exitStored` (docs/wire-format.md). */
    exitAsk: z.array(exitId).min(1).max(MAX_EXIT_ASK).optional(),
  })
  // Empty only to ask (a page that has nothing else to send: see the SDK's exitLedger).
  .refine((b) => b.batch.length > 0 || !!b.exitAsk, { path: ['batch'], message: 'expected at least 1 event (or an exitAsk question)' });

/** The batch as the SDK builds it. */
export interface SabuBatch {
  batch: import('./event.js').SabuMessage[];
  sentAt: string;
  writeKey: string;
  exitId?: string;
  exitAsk?: string[];
}

export { messageSchema };
