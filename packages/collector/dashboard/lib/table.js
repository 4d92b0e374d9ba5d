// Report tables: sortable by nobody (the API sorts), paged when long, readable on a phone
// (each row becomes a card whose cells carry their column name, see styles.css).
import { el, note } from './dom.js';

/** Rows per page: a screenful on a laptop (748 accounts made a 21,000 px page). */
export const PAGE_SIZE = 25;

/**
 * A table section. `columns`: labels, or `{ label, num: true }` for right-aligned numbers.
 * `rows`: arrays of cells (null shows as –). Options: `empty` (text when there are no
 * rows), `rowClass(row)`, `pageSize`, `actions` (nodes next to the title).
 */
export function table(title, columns, rows, { empty = 'No data yet.', rowClass, pageSize = PAGE_SIZE, actions = [] } = {}) {
  const cols = columns.map((c) => (typeof c == 'string' ? { label: c } : c));
  const head = el('div', { class: 'table-head' }, el('h2', {}, title), ...actions);
  if (!rows.length) return el('section', {}, head, note(empty));

  const body = el('tbody');
  const t = el('table', { class: 'report' }, el('thead', {}, el('tr', {}, cols.map((c) => el('th', { scope: 'col', class: c.num ? 'num' : null }, c.label)))), body);
  const pages = Math.ceil(rows.length / pageSize);
  let page = 0;
  const status = el('span', { class: 'pager-status', 'aria-live': 'polite' });
  const prev = el('button', { type: 'button', onclick: () => show(page - 1) }, '‹ Previous');
  const next = el('button', { type: 'button', onclick: () => show(page + 1) }, 'Next ›');
  const pager = pages > 1 ? el('nav', { class: 'pager', 'aria-label': `${title}: pages` }, prev, status, next) : null;

  function show(p) {
    page = Math.max(0, Math.min(pages - 1, p));
    const slice = rows.slice(page * pageSize, (page + 1) * pageSize);
    body.replaceChildren(
      ...slice.map((r) =>
        el(
          'tr',
          { class: rowClass?.(r) || null },
          r.map((v, i) => el('td', { class: cols[i]?.num ? 'num' : null, 'data-label': cols[i]?.label }, v == null || v === '' ? '–' : v)),
        ),
      ),
    );
    status.textContent = `${page * pageSize + 1}–${page * pageSize + slice.length} of ${rows.length.toLocaleString('en-US')}`;
    prev.disabled = page == 0;
    next.disabled = page == pages - 1;
  }
  show(0);
  return el('section', {}, head, el('div', { class: 'table-wrap' }, t), pager);
}
