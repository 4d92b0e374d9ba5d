// The Sabu dashboard: one view per report, drawn from /v1/reports/<name> with a read key,
// and a live view of incoming events. Routing by hash (#/ttv), filters in the query string.
// All text goes in through text nodes, never innerHTML (lib/dom.js).
import { el, note } from './lib/dom.js';
import { AuthError, downloadCsv, forgetKey, getJson, getKey, getProject, setKey } from './lib/api.js';
import { takeKeyFromLink } from './lib/keyFromLink.js';
import { REPORT_FILTERS, fillForm, readFilters, writeFilters } from './lib/filters.js';
import { renderTtv } from './views/ttv.js';
import { renderChecklists } from './views/checklists.js';
import { renderTours } from './views/tours.js';
import { renderVoice } from './views/voice.js';
import { renderFriction } from './views/friction.js';
import { renderHealth } from './views/health.js';
import { renderLive } from './views/live.js';
import { renderExperiments } from './views/experiments.js';

/** Views by hash; `filters: false` hides the report filters (the live view has its own). */
const VIEWS = new Map([
  ['ttv', { render: renderTtv }],
  ['checklists', { render: renderChecklists }],
  ['tours', { render: renderTours }],
  ['voice', { render: renderVoice }],
  ['friction', { render: renderFriction }],
  ['health', { render: renderHealth }],
  ['experiments', { render: renderExperiments }],
  ['live', { render: renderLive, filters: false }],
]);

const main = document.getElementById('report');
const filters = document.getElementById('filters');
const keyForm = document.getElementById('key-form');
let leave = [];

function askForKey(message) {
  forgetKey();
  keyForm.hidden = false;
  main.replaceChildren(el('p', { class: message ? 'error' : 'note' }, message ? `Could not load the report: ${message}` : 'A read key is needed to show reports.'));
  keyForm.querySelector('input').focus();
}

/** What a view gets: its report(s) with the current filters, a CSV button, a way to clean up. */
function context() {
  const params = readFilters(REPORT_FILTERS);
  return {
    report: (name) => getJson(`/v1/reports/${name}`, params),
    exportButton: (name) =>
      el('button', { type: 'button', 'data-csv': name, onclick: () => downloadCsv(name, params).catch((e) => alertError(e)) }, 'Export CSV'),
    onLeave: (fn) => leave.push(fn),
    onAuthError: (e) => askForKey(e.message),
  };
}

function alertError(e) {
  main.prepend(el('p', { class: 'error', role: 'alert' }, `Could not export: ${e.message}`));
}

let routed = '';
let generation = 0;

async function route() {
  routed = location.search + location.hash;
  const gen = ++generation;
  for (const fn of leave.splice(0)) fn();
  const name = location.hash.replace(/^#\/?/, '') || 'ttv';
  const view = VIEWS.get(name) ?? VIEWS.get('ttv');
  for (const a of document.querySelectorAll('nav a')) {
    if (a.getAttribute('href') == `#/${name}`) {
      a.setAttribute('aria-current', 'page');
      document.title = `Sabu: ${a.textContent}`;
    } else a.removeAttribute('aria-current');
  }
  filters.hidden = view.filters === false;
  fillForm(filters);
  delete main.dataset.ready;
  if (!getKey()) return askForKey();
  main.setAttribute('aria-busy', 'true');
  main.replaceChildren(note('Loading…'));
  try {
    // The project's name and demo-data banner come with the first view drawn.
    const [nodes] = await Promise.all([view.render(context()), showProject()]);
    if (gen != generation) return; // another view was asked for meanwhile
    main.replaceChildren(...nodes.filter(Boolean));
    main.dataset.ready = name;
  } catch (e) {
    if (gen != generation) return;
    if (e instanceof AuthError) askForKey(e.message);
    else main.replaceChildren(el('p', { class: 'error' }, `Could not load the report: ${e.message}`));
  } finally {
    if (gen == generation) main.removeAttribute('aria-busy');
  }
}

/** A link click fires both hashchange and popstate: draw the view once. */
const routeIfMoved = () => routed != location.search + location.hash && route();

/** "1 person has", "3 people have". */
function count(n, one, many) {
  return `${n.toLocaleString('en-US')} ${n == 1 ? one : many}`;
}

let projectShown = false;
/** Names the project and labels synthetic demo data, once per page load. */
async function showProject() {
  if (projectShown) return;
  const p = await getProject();
  if (!p) return;
  projectShown = true;
  document.getElementById('project').textContent = p.name;
  const banner = document.getElementById('synthetic');
  banner.hidden = !p.syntheticEvents;
  banner.textContent = `Includes ${p.syntheticEvents?.toLocaleString('en-US')} synthetic demo events of ${p.events?.toLocaleString('en-US')} (users "demo-user-…"): for trying the dashboard, not real customers.`;
  const odd = p.timesOutOfRange ?? {};
  const parts = [
    odd.eventTimes ? `${count(odd.eventTimes, 'event was', 'events were')} sent with a time outside 1970–2100 (their receive time is used)` : null,
    odd.traitTimes ? `${count(odd.traitTimes, 'person has', 'people have')} a created_at or signed_up_at trait that is not a time in 1970–2100 (their first event is used as signup)` : null,
  ].filter(Boolean);
  const outOfRange = document.getElementById('out-of-range');
  outOfRange.hidden = !parts.length;
  outOfRange.textContent = parts.length ? `${parts.join('; ')}.` : '';
}

filters.addEventListener('submit', (e) => {
  e.preventDefault();
  writeFilters(filters);
  route();
});
keyForm.addEventListener('submit', (e) => {
  e.preventDefault();
  setKey(String(new FormData(keyForm).get('key')));
  keyForm.reset();
  keyForm.hidden = true;
  projectShown = false;
  route();
});
addEventListener('hashchange', routeIfMoved);
// Back and forward through applied filters.
addEventListener('popstate', routeIfMoved);
// uPlot is a deferred classic script; module scripts run after it.
await takeKeyFromLink();
route();
