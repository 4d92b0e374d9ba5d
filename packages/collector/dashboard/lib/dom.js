// Builds elements. Every text goes in as a text node, never as HTML: report data, event
// properties and project names are user input.

/**
 * `el('a', { href, class, onclick }, 'text', child)`. Attributes named on* become
 * listeners; `null`/`undefined` attributes and children are skipped. No `style`: the page
 * runs under `style-src 'self'`, so sizes are set through `element.style` instead.
 */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k == 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) if (c != null && c !== false) e.append(c instanceof Node ? c : String(c));
  return e;
}

/** A grey explanatory line. */
export const note = (...text) => el('p', { class: 'note' }, ...text);

/** The box a report view is made of: a heading and its content. */
export const section = (title, ...children) => el('section', {}, el('h2', {}, title), ...children);

/** A figure in the row of key numbers at the top of a view. */
export const kpi = (label, value) => el('div', { class: 'kpi' }, el('b', {}, value ?? '–'), el('span', {}, label));

/** Wraps a row of KPIs. */
export const kpis = (...items) => el('div', { class: 'kpis' }, ...items);
