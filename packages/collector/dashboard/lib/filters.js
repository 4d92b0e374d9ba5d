// Filters live in the address bar (`?by=plan&from=2026-03-01#/ttv`), so a view survives a
// reload and can be shared as a link. The form shows them; Apply writes them back.

/** Report filters (the report endpoints' parameters) and the live view's own. */
export const REPORT_FILTERS = ['by', 'from', 'to', 'where', 'asOf'];
export const LIVE_FILTERS = ['event', 'person'];

/** The current value of each named filter that is set in the address bar. */
export function readFilters(names) {
  const search = new URLSearchParams(location.search);
  const out = new URLSearchParams();
  for (const n of names) if (search.get(n)) out.set(n, search.get(n));
  return out;
}

/** Writes the form's fields into the address bar (empty ones removed), keeping the view. */
export function writeFilters(form) {
  const url = new URL(location.href);
  for (const input of form.elements) {
    if (!input.name) continue;
    if (input.value) url.searchParams.set(input.name, input.value);
    else url.searchParams.delete(input.name);
  }
  if (url.href != location.href) history.pushState(null, '', url);
}

/** Fills the form from the address bar. */
export function fillForm(form) {
  const search = new URLSearchParams(location.search);
  for (const input of form.elements) if (input.name) input.value = search.get(input.name) ?? '';
}
