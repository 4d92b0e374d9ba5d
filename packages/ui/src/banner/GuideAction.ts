import { h } from 'preact';
import type { Guide } from '@sabu/schema';
import { isSafeUrl } from '@sabu/schema/url';
import { pickText } from '../i18n/createT.js';

/** The call to action: a link (checked again: only http(s) or relative) or a button starting a tour. */
export function GuideAction(def: Guide, locale: string, onAction: () => void) {
  const a = def.action;
  if (!a) return null;
  const label = pickText(a.label, locale);
  if (a.url) return isSafeUrl(a.url) ? h('a', { class: 'btn act', href: a.url, onClick: onAction }, label) : null;
  return h('button', { type: 'button', class: 'btn act', onClick: onAction }, label);
}
