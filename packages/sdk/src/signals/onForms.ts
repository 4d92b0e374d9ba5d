import type { PluginApi } from '../types.js';
import { IGNORE, pathOf, selectorOf } from './describeElement.js';
import { createFormAbandon } from './formAbandon.js';
import { guard, listen, page } from './guard.js';

/** After an SPA route change, frameworks render the new page a moment later: look then. */
const ROUTE_SETTLE_MS = 1000;

const nameOf = (form: HTMLFormElement) => form.getAttribute('id') || form.getAttribute('name') || selectorOf(form);

/**
 * DOM glue of `Form Abandoned`: `input`/`change` inside a form mark it started (the
 * field's name only, never its value), `submit` finishes it; leaving the page, or an SPA
 * route change that removed the form, reports it.
 */
export function onForms(api: PluginApi): () => void {
  const forms = createFormAbandon<HTMLFormElement>();
  /** Where each form was started: after an SPA route change `location` is already the next page. */
  const where = new WeakMap<HTMLFormElement, string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const touch = (e: Event) => {
    const path = pathOf(e);
    const field = path[0] as HTMLInputElement | undefined;
    const form = field?.form;
    if (!form || path.some((n) => n.matches(IGNORE)) || form.closest(IGNORE)) return;
    if (!where.has(form)) where.set(form, page());
    forms._touch(form, field.getAttribute('name') || field.id || field.type || field.localName);
  };
  const leave = (gone?: (f: HTMLFormElement) => boolean) => {
    for (const [form, p] of forms._leave(gone)) api.track('Form Abandoned', { form: nameOf(form), ...p, page: where.get(form) ?? page() });
  };
  const offs = [
    listen(document, 'input', touch),
    listen(document, 'change', touch),
    listen(document, 'submit', (e) => {
      const form = pathOf(e)[0] as HTMLFormElement;
      forms._submit(form);
      where.delete(form);
    }),
    listen(window, 'pagehide', () => leave()),
    api.onMessage((m) => {
      if (m.type != 'page') return;
      clearTimeout(timer);
      timer = setTimeout(guard(() => leave((f) => !f.isConnected)), ROUTE_SETTLE_MS);
    }),
  ];
  return () => {
    clearTimeout(timer);
    offs.forEach((off) => off());
  };
}
