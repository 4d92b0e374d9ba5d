import { z } from 'zod';
import { messageSchema } from './event.js';

/**
 * The body of `POST {endpoint}`. Events are validated one by one by collectors (so one bad
 * event does not sink its batch), hence `batch` is an array of unknown here and
 * `messageSchema` is applied per item.
 */
export const batchSchema = z.object({
  batch: z.array(z.unknown()).min(1).max(2000),
  sentAt: z.iso.datetime({ offset: true }).optional(),
  writeKey: z.string().min(1).optional(),
});

/** The batch as the SDK builds it. */
export interface SabuBatch {
  batch: import('./event.js').SabuMessage[];
  sentAt: string;
  writeKey: string;
}

export { messageSchema };
