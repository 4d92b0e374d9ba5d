/**
 * Size limits shared by the SDK and the collector. Kept free of zod so the browser core
 * can import them without pulling a validator into its bundle.
 */

/** Largest serialised message (Segment's tracking API limit). */
export const MAX_EVENT_BYTES = 32 * 1024;
/** Largest batch body (Segment's tracking API limit). */
export const MAX_BATCH_BYTES = 500 * 1024;
