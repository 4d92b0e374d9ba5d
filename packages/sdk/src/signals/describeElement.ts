import { cut } from '../core/text.js';

/** Longest `text` reported for an element (cut on a code-point boundary: see core/stringify.ts). */
export const MAX_TEXT = 100;
/** Ancestors walked to build a selector; a stable attribute ends the walk sooner. */
const MAX_DEPTH = 5;
/** Attributes that name an element stably, best first (after `id`). */
const STABLE = ['data-testid', 'data-sabu-feature', 'aria-label'];
/** Elements whose content is user input: never read. */
const INPUT = 'input,textarea,select,[contenteditable]:not([contenteditable=false])';
const MASK = 'data-sabu-mask';
/** Text and markup a user never sees. */
const SKIP = /^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE|SVG)$/i;

const esc = (s: string) => (typeof CSS != 'undefined' && CSS.escape ? CSS.escape(s) : s.replace(/[^\w-]/g, '\\$&'));
/** Ids and classes that look generated (CSS-in-JS hashes, framework counters) change between builds: skip them. */
const generated = (s: string) => /\d{3}|__|^(css|sc|jsx|svelte)-|[a-z]\d[a-z]\d/i.test(s);

/** The parent element, stepping out of a shadow root to its host (marked so the selector shows the boundary). */
function up(el: Element): [Element | null, boolean] {
  if (el.parentElement) return [el.parentElement, false];
  const root = el.parentNode as ShadowRoot | null;
  return [root && root.host ? root.host : null, true];
}

function part(el: Element): [string, boolean] {
  const tag = el.localName;
  if (el.id && !generated(el.id)) return ['#' + esc(el.id), true];
  for (const a of STABLE) {
    const v = el.getAttribute(a);
    if (v) return [`${tag}[${a}="${cut(v, MAX_TEXT).replace(/["\\]/g, '\\$&')}"]`, true];
  }
  let s = tag;
  for (const c of [...el.classList].filter((c) => !generated(c)).slice(0, 2)) s += '.' + esc(c);
  const parent = el.parentElement;
  if (parent) {
    const same = [...parent.children].filter((c) => c.localName == tag);
    if (same.length > 1) s += `:nth-of-type(${same.indexOf(el) + 1})`;
  }
  return [s, false];
}

/**
 * A short, stable CSS path: stops at an id, `data-testid`, `data-sabu-feature` or
 * `aria-label`; otherwise tag, two classes and `:nth-of-type`, up to five levels.
 * A shadow-root boundary is written ` >>> ` (host >>> inner element).
 */
export function selectorOf(el: Element): string {
  let out = '';
  let sep = '';
  let n: Element | null = el;
  for (let d = 0; n && d < MAX_DEPTH && n.localName != 'html' && n.localName != 'body'; d++) {
    const [s, stop] = part(n);
    out = s + sep + out;
    if (stop) break;
    const [parent, crossed] = up(n);
    sep = crossed ? ' >>> ' : ' > ';
    n = parent;
  }
  return out || el.localName;
}

function collect(node: Node, out: string[]): void {
  for (let c = node.firstChild; c && out.join('').length < MAX_TEXT * 2; c = c.nextSibling) {
    if (c.nodeType == 3) out.push((c as Text).data);
    else if (c.nodeType == 1) {
      const e = c as Element;
      if (e.hasAttribute(MASK) || e.matches(INPUT)) out.push(' *** ');
      else if (!SKIP.test(e.tagName)) collect(e, out);
    }
  }
}

/**
 * What the element says to the user, at most 100 characters: its `aria-label`, else its
 * text. Never an input's value; text inside `[data-sabu-mask]` and inputs becomes `***`.
 */
export function textOf(el: Element): string {
  if (el.closest('[' + MASK + ']')) return '***';
  if (el.matches(INPUT)) return '';
  const label = el.getAttribute('aria-label');
  const out: string[] = [];
  if (label) out.push(label);
  else collect(el, out);
  return cut(out.join('').replace(/\s+/g, ' ').trim(), MAX_TEXT);
}

/** The element an event really happened on: inside open shadow roots too (`composedPath`). */
export function pathOf(e: Event): Element[] {
  const path = (e.composedPath ? e.composedPath() : [e.target]) as (EventTarget | null)[];
  return path.filter((n): n is Element => !!n && (n as Node).nodeType == 1);
}

/** Elements that look clickable, for dead clicks (cursor:pointer is checked separately). */
export const CLICKABLE =
  'a[href],button,summary,[onclick],[role=button],[role=link],[role=menuitem],[role=tab],[role=option],input[type=button],input[type=submit],input[type=reset],input[type=image]';
/** Form fields and text surfaces: clicks there place a caret, select text or toggle a value. */
export const FIELD =
  'input:not([type=button]):not([type=submit]):not([type=reset]):not([type=image]),textarea,select,option,label,[contenteditable]:not([contenteditable=false])';
export const IGNORE = '[data-sabu-ignore]';
