import { cut } from '../core/text.js';
import type { PluginApi } from '../types.js';
import { IGNORE, pathOf, selectorOf, textOf } from './describeElement.js';
import { createErrorClick, createRateLimit } from './errorClick.js';
import { listen, page } from './guard.js';
import type { ErrorOptions } from './types.js';

const MAX_MESSAGE = 300;
const MAX_STACK = 1000;

function messageOf(v: unknown): string {
  try {
    return cut(String((v as Error)?.message ?? v), MAX_MESSAGE);
  } catch {
    return 'unknown error';
  }
}

/**
 * DOM glue of `Error` and `Error Click`: uncaught errors and unhandled rejections (window
 * listeners, which fire only when something goes wrong, so the hot path pays nothing),
 * and the last click to blame them on.
 */
export function onErrors(api: PluginApi, o: Required<ErrorOptions>): () => void {
  const clicks = createErrorClick<Element>(o.windowMs);
  const allow = createRateLimit(o.maxPerMinute, 60_000);
  const report = (kind: 'error' | 'rejection', err: unknown, msg: string, extra: Record<string, unknown>) => {
    const t = Date.now();
    const el = clicks._error(t);
    const message = msg || messageOf(err);
    if (el) api.track('Error Click', { selector: selectorOf(el), text: textOf(el), message, page: page() });
    if (allow(t, message)) {
      const stack = (err as Error)?.stack;
      api.track('Error', { message, kind, ...extra, ...(typeof stack == 'string' ? { stack: cut(stack, MAX_STACK) } : {}), page: page() });
    }
  };
  const offs = [
    listen<MouseEvent>(window, 'click', (e) => {
      const path = pathOf(e);
      if (path[0] && !path.some((n) => n.matches(IGNORE))) clicks._click(Date.now(), path.find((n) => n.matches('a,button,[role=button]')) ?? path[0]);
    }),
    // Bubble phase on window: script errors only (resource load errors do not bubble).
    listen<ErrorEvent>(
      window,
      'error',
      (e) => report('error', e.error, messageOf(e.message), { source: e.filename?.split('?')[0], line: e.lineno, column: e.colno }),
      false,
    ),
    listen<PromiseRejectionEvent>(window, 'unhandledrejection', (e) => report('rejection', e.reason, '', {}), false),
  ];
  return () => offs.forEach((off) => off());
}
