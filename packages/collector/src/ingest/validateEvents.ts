import { incomingMessageSchema, type IncomingMessage } from '@sabu/schema';
import { MAX_EVENT_BYTES, MAX_EVENT_DEPTH } from '@sabu/schema/limits';
import { formatPath } from '../config/formatIssues.js';
import { normalizeTree } from './normalizeTree.js';
import { readWellFormedMessage } from './readWellFormedMessage.js';

export interface EventProblem {
  /** Position in `batch`. */
  index: number;
  /** Path inside the event, e.g. `properties.score`; empty for the event itself. */
  field: string;
  message: string;
}

export interface ValidatedEvents {
  valid: IncomingMessage[];
  invalid: EventProblem[];
  /** Index of the first event over MAX_EVENT_BYTES; the whole request is then a 413. */
  tooLarge?: { index: number; bytes: number };
}

/**
 * Validates a batch's events one by one, so one bad event does not sink the others: the
 * caller stores `valid` and reports `invalid` by index and field. Each event is first
 * settled by normalizeTree (well-formed strings, bounded depth), so nothing after this
 * point can meet a lone surrogate or recurse without bound. Well-formed events of the
 * common shapes take readWellFormedMessage's fast path (same result as zod, ~6× cheaper).
 */
export function validateEvents(batch: readonly unknown[]): ValidatedEvents {
  const valid: IncomingMessage[] = [];
  const invalid: EventProblem[] = [];
  for (let index = 0; index < batch.length; index++) {
    const settled = normalizeTree(batch[index], MAX_EVENT_DEPTH);
    if (!settled.ok) {
      invalid.push({ index, field: settled.field, message: settled.message });
      continue;
    }
    const item = settled.value;
    // Serialized only when the walk's bound says it might be over (nearly never).
    if (settled.bound > MAX_EVENT_BYTES) {
      const bytes = Buffer.byteLength(JSON.stringify(item) ?? '');
      if (bytes > MAX_EVENT_BYTES) return { valid, invalid, tooLarge: { index, bytes } };
    }
    // The common shapes are read by hand; zod decides the rest and words every error.
    const fast = readWellFormedMessage(item);
    if (fast) {
      valid.push(fast);
      continue;
    }
    const r = incomingMessageSchema.safeParse(item);
    if (r.success) valid.push(r.data);
    else for (const i of r.error.issues.slice(0, 5)) invalid.push({ index, field: formatPath(i.path), message: i.message });
  }
  return { valid, invalid };
}
