import { messages, warnOnce } from './messages.js';

const report = (err: unknown) => warnOnce(messages.internal(err), 'error');

/**
 * Wraps a listener or timer callback: an error inside Sabu never reaches the host page,
 * neither thrown (an uncaught error in the page's error monitoring) nor as a rejected
 * promise (an unhandled rejection). Host globals can fail under us: a page that replaces
 * `JSON.stringify` or `Array.prototype` methods, a `beforeSend` that throws.
 */
export const guard =
  <A extends unknown[]>(fn: (...a: A) => unknown) =>
  (...a: A): void => {
    try {
      (fn(...a) as Promise<unknown> | undefined)?.catch?.(report);
    } catch (err) {
      report(err);
    }
  };
