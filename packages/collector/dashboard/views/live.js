import { el, note } from '../lib/dom.js';
import { AuthError, getJson } from '../lib/api.js';
import { LIVE_FILTERS, fillForm, readFilters, writeFilters } from '../lib/filters.js';
import { localTime } from '../lib/format.js';

/** How often the feed is asked for news: events show within 2 s of arriving (issue 13). */
export const POLL_MS = 1000;
/** Events kept on screen; older ones scroll away. */
const KEEP = 200;
/** The first answer: the latest few; then everything new, page by page when behind. */
const FIRST = 50;
const CATCH_UP = 500;
/** Longer property texts are cut (the full JSON stays in the tooltip). */
const PROPS_CHARS = 240;

/**
 * Live events: what the collector receives, newest first, from `GET /v1/events/recent`
 * polled every second with the cursor of the last answer. Filters by event name and
 * person (kept in the address bar). Polling stops when the view is left and waits while
 * the tab is hidden.
 */
export function renderLive({ onLeave, onAuthError }) {
  const form = el(
    'form',
    { class: 'live-filters', role: 'search', 'aria-label': 'Filter live events' },
    el('label', {}, 'Event', el('input', { name: 'event', placeholder: 'Report Published', size: 16, autocomplete: 'off', list: 'live-event-names' })),
    el('label', {}, 'Person', el('input', { name: 'person', placeholder: 'user or anonymous id', size: 20, autocomplete: 'off' })),
    el('button', { type: 'submit' }, 'Apply'),
  );
  const pause = el('button', { type: 'button', 'aria-pressed': 'false', onclick: () => setPaused(!paused) }, 'Pause');
  const status = el('p', { class: 'note', role: 'status' });
  const count = el('span', { class: 'note live-count' });
  // The event names seen so far, offered when typing a filter.
  const names = el('datalist', { id: 'live-event-names' });
  const seenNames = new Set();
  const body = el('tbody');
  const empty = note('Waiting for events… Use your app (or the example app) and they appear here within seconds.');
  const t = el(
    'table',
    { class: 'report live' },
    el('thead', {}, el('tr', {}, ['time', 'event', 'person', 'page', 'properties'].map((c) => el('th', { scope: 'col' }, c)))),
    body,
  );
  fillForm(form);

  let cursor;
  let timer;
  let paused = false;
  let left = false;
  let shown = 0;
  let generation = 0;

  function setPaused(p) {
    paused = p;
    pause.setAttribute('aria-pressed', String(p));
    pause.textContent = p ? 'Resume' : 'Pause';
    status.textContent = p ? 'Paused: new events are not shown until you resume.' : 'Listening for new events.';
    if (!p) schedule(0);
  }

  function schedule(ms) {
    clearTimeout(timer);
    if (!left) timer = setTimeout(poll, ms);
  }

  async function poll() {
    if (left || paused) return;
    if (document.hidden) return schedule(POLL_MS);
    const gen = generation;
    const params = readFilters(LIVE_FILTERS);
    if (cursor) params.set('after', cursor);
    params.set('limit', String(cursor ? CATCH_UP : FIRST));
    try {
      const r = await getJson('/v1/events/recent', params);
      if (gen != generation || left) return;
      cursor = r.cursor;
      add(r.events);
      if (status.textContent.startsWith('Could not')) status.textContent = 'Listening for new events.';
      // A full page means more are waiting: fetch them at once.
      schedule(r.events.length == CATCH_UP ? 0 : POLL_MS);
    } catch (e) {
      if (gen != generation || left) return;
      if (e instanceof AuthError) return onAuthError(e);
      status.textContent = `Could not load events: ${e.message}. Retrying…`;
      schedule(POLL_MS * 3);
    }
  }

  function add(events) {
    if (!events.length) return;
    for (const e of events)
      if (e.type == 'track' && e.event && !seenNames.has(e.event)) seenNames.add(e.event), names.append(el('option', { value: e.event }));
    const rows = events.map((e) => row(e, filterBy)).reverse(); // newest first
    body.prepend(...rows);
    while (body.rows.length > KEEP) body.lastElementChild.remove();
    shown += events.length;
    count.textContent = `${shown.toLocaleString('en-US')} events since you opened this view${shown > KEEP ? ` (the latest ${KEEP} shown)` : ''}.`;
    empty.hidden = true;
    t.hidden = false;
  }

  /** A click on an event name or a person in the table filters by it. */
  function filterBy(name, value) {
    form.elements[name].value = value;
    form.requestSubmit();
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    writeFilters(form);
    generation++;
    cursor = undefined;
    shown = 0;
    body.replaceChildren();
    t.hidden = true;
    empty.hidden = false;
    count.textContent = '';
    schedule(0);
  });
  onLeave(() => {
    left = true;
    clearTimeout(timer);
  });
  t.hidden = true;
  status.textContent = 'Listening for new events.';
  schedule(0);
  return [
    el('section', {}, el('div', { class: 'table-head' }, el('h2', {}, 'Live events'), pause), form, names, status, count, empty, el('div', { class: 'table-wrap' }, t)),
  ];
}

function row(e, filterBy) {
  const name = e.type == 'track' ? e.event : e.type == 'page' || e.type == 'screen' ? (e.event ? `${e.type}: ${e.event}` : `${e.type} view`) : e.type;
  const person = e.userId ?? e.anonymousId;
  const props = e.properties && Object.keys(e.properties).length ? JSON.stringify(e.properties) : '';
  const cut = props.length > PROPS_CHARS ? props.slice(0, PROPS_CHARS) + '…' : props;
  return el(
    'tr',
    {},
    el('td', { 'data-label': 'time', title: `received ${e.receivedAt}; sent ${e.timestamp}` }, localTime(e.receivedAt, true)),
    el('td', { 'data-label': 'event' }, e.type == 'track' && e.event ? filterButton(name, `Show only ${e.event} events`, () => filterBy('event', e.event)) : name),
    el('td', { 'data-label': 'person', title: e.userId ? (e.anonymousId ? `anonymous id ${e.anonymousId}` : 'sent with a user id only (server side)') : 'anonymous' }, filterButton(person, `Show only events of ${person}`, () => filterBy('person', person))),
    el('td', { 'data-label': 'page' }, e.page ?? '–'),
    el('td', { 'data-label': 'properties', class: 'props', title: props.length > PROPS_CHARS ? props : null }, el('code', {}, cut || '–')),
  );
}

/** A cell value that filters the view by itself when clicked (or Enter). */
const filterButton = (text, label, onclick) => el('button', { type: 'button', class: 'cell-filter', title: label, onclick }, text);
