/**
 * Size limits shared by the SDK and the collector: the wire schema (event.ts) enforces
 * them, and the SDK checks the same numbers before it queues anything, so an event is
 * never accepted by the page only to be refused by the collector. Kept free of zod so
 * the browser core can import them without pulling a validator into its bundle.
 */

/** Largest serialised message (Segment's tracking API limit). */
export const MAX_EVENT_BYTES = 32 * 1024;
/** Largest batch body (Segment's tracking API limit). */
export const MAX_BATCH_BYTES = 500 * 1024;
/**
 * Deepest nesting of objects and arrays in one message, the message itself being level 1
 * (so `properties` values may nest 30 levels). Far above what analytics needs, far below
 * where recursive JSON code overflows the stack (a few thousand levels).
 */
export const MAX_EVENT_DEPTH = 32;
/** Longest `userId`, `anonymousId` and `groupId`, in UTF-16 units (as `string.length` and zod count). */
export const MAX_ID_LENGTH = 200;
/** Longest event name (`track`) and page name (`page`), in UTF-16 units. */
export const MAX_NAME_LENGTH = 200;
/** Longest `messageId`. */
export const MAX_MESSAGE_ID_LENGTH = 100;
/**
 * An exit request's id (`exitId`, and each of `exitAsk`): the SDK sends `t<time>-<uuid>`; letters,
 * digits, `_` and `-` only, so it is safe as a map key and in a log line.
 */
export const EXIT_ID = /^[\w-]{1,64}$/;
/**
 * Most exit requests one request may ask about (`exitAsk`). A page asks about the exit
 * requests of the pages before it whose answer it never saw: a few; the SDK sends the
 * records of any beyond this again rather than asking.
 */
export const MAX_EXIT_ASK = 16;
