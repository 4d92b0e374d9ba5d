// The Sabu dashboard: one page per report, drawn from /v1/reports/<name> with a read key.
// Charts are uPlot (served from node_modules by the collector); tables export to CSV.
// All report text goes through textContent, never innerHTML.

const DAY = 86_400_000;
const COLORS = ['#2f6fdf', '#e8590c', '#2b8a3e', '#ae3ec9', '#c92a2a', '#1098ad', '#f08c00', '#5c7cfa', '#495057', '#d6336c'];
const KEY_STORAGE = 'sabu.readKey';
const PAGES = { ttv: renderTtv, checklists: renderChecklists, voice: renderVoice, friction: renderFriction, health: renderHealth };

const main = document.getElementById('report');
const filters = document.getElementById('filters');
const keyForm = document.getElementById('key-form');

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k == 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c != null) e.append(c instanceof Node ? c : String(c));
  return e;
}

function readKey() {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('key');
  if (fromUrl) {
    localStorage.setItem(KEY_STORAGE, fromUrl);
    // Keep the key out of the address bar and browser history.
    url.searchParams.delete('key');
    history.replaceState(null, '', url);
  }
  return localStorage.getItem(KEY_STORAGE);
}

function params() {
  const p = new URLSearchParams();
  for (const [k, v] of new FormData(filters)) if (v) p.set(k, String(v));
  return p;
}

async function fetchReport(name, extra = {}) {
  const p = params();
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  const res = await fetch(`/v1/reports/${name}?${p}`, { headers: { authorization: `Bearer ${readKey()}` } });
  const body = await res.json();
  if (res.status == 401) {
    localStorage.removeItem(KEY_STORAGE);
    keyForm.hidden = false;
  }
  if (!res.ok) throw new Error(body.message || `HTTP ${res.status}`);
  return body;
}

// ---- tables and CSV ---------------------------------------------------------------

function csvCell(v) {
  let s = v == null ? '' : String(v);
  if (typeof v == 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function table(title, columns, rows, { file, rowClass } = {}) {
  const exportCsv = () => {
    const csv = [columns, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
    const a = el('a', { href: URL.createObjectURL(new Blob([csv], { type: 'text/csv' })), download: `${file || title}.csv` });
    document.body.append(a);
    a.click();
    a.remove();
  };
  const head = el('div', { class: 'table-head' }, el('h2', {}, title), el('button', { type: 'button', onclick: exportCsv, 'data-csv': file || title }, 'Export CSV'));
  const t = el(
    'table',
    { class: 'report' },
    el('thead', {}, el('tr', {}, columns.map((c) => el('th', { scope: 'col' }, c)))),
    el('tbody', {}, rows.map((r, i) => el('tr', rowClass ? { class: rowClass(i) } : {}, r.map((v) => el('td', typeof v == 'number' ? { class: 'num' } : {}, v == null ? '–' : v))))),
  );
  return el('section', {}, head, rows.length ? t : el('p', { class: 'note' }, 'No data yet.'));
}

const pct = (x) => (x == null ? null : `${Math.round(x * 1000) / 10} %`);
const days = (ms) => (ms == null ? null : Math.round((ms / DAY) * 100) / 100);

// ---- charts -------------------------------------------------------------------------

function chart(title, opts, data, note) {
  // The chart is a picture of the table that follows it; screen readers get its title.
  const box = el('div', { class: 'chart', role: 'img', 'aria-label': title });
  const section = el('section', {}, el('h2', {}, title), note ? el('p', { class: 'note' }, note) : null, box);
  queueMicrotask(() => {
    const width = Math.max(320, box.clientWidth || main.clientWidth - 40);
    new uPlot({ width, height: 300, ...opts }, data, box);
  });
  return section;
}

const bars = () => uPlot.paths.bars({ size: [0.6, 60] });

function barChart(title, labels, series, note) {
  const x = labels.map((_, i) => i);
  return chart(
    title,
    {
      // Bars grow from zero: an auto-ranged axis would exaggerate small differences.
      scales: { x: { time: false, range: [-0.5, Math.max(0.5, labels.length - 0.5)] }, y: { range: (_, _min, max) => [0, Math.max(max, 1e-9) * 1.05] } },
      axes: [{ values: (_, ticks) => ticks.map((t) => (Number.isInteger(t) ? labels[t] ?? '' : '')), splits: () => x, rotate: labels.length > 6 ? -35 : 0, size: labels.length > 6 ? 110 : 50 }, {}],
      series: [{}, ...series.map((s, i) => ({ label: s.label, fill: COLORS[i % COLORS.length] + 'cc', stroke: COLORS[i % COLORS.length], paths: bars(), points: { show: false } }))],
    },
    [x, ...series.map((s) => s.values)],
    note,
  );
}

// ---- pages --------------------------------------------------------------------------

async function renderTtv() {
  const r = await fetchReport('ttv');
  // uPlot wants one x array: the union of every cohort's step times, each series held
  // at its last value (a Kaplan–Meier curve is a step function).
  const xs = [...new Set(r.cohorts.flatMap((c) => c.curve.map((p) => p.t)))].sort((a, b) => a - b);
  const series = r.cohorts.map((c) => {
    let j = 0;
    let s = 1;
    return xs.map((t) => {
      while (j < c.curve.length && c.curve[j].t <= t) s = c.curve[j++].survival;
      return t <= c.curve[c.curve.length - 1].t ? s : null;
    });
  });
  const total = r.cohorts.reduce((a, c) => a + c.users, 0);
  const reached = r.cohorts.reduce((a, c) => a + c.reached, 0);
  return [
    el('div', { class: 'kpis' }, kpi('People', total), kpi('Reached value', reached), kpi('Not yet (censored)', total - reached), kpi('Cohorts', r.cohorts.length)),
    chart(
      'Share of each cohort still without value (Kaplan–Meier)',
      {
        scales: { x: { time: false }, y: { range: [0, 1] } },
        axes: [{ label: 'days since signup' }, { label: 'not yet reached value', values: (_, t) => t.map((v) => `${Math.round(v * 100)}%`) }],
        series: [{ label: 'days', value: (_, v) => (v == null ? '' : `${Math.round(v * 100) / 100} d`) }, ...r.cohorts.map((c, i) => ({ label: c.cohort, stroke: COLORS[i % COLORS.length], width: 2, paths: uPlot.paths.stepped({ align: 1 }), value: (_, v) => pct(v) }))],
      },
      [xs.map((t) => t / DAY), ...series],
      `Users who have not reached value yet are censored at ${r.asOf.slice(0, 10)}, not dropped. Cohort by ${r.by}.`,
    ),
    table(
      'TTV per cohort',
      ['cohort', 'users', 'reached', 'censored', 'within 1 d', 'within 7 d', 'within 14 d', 'within 30 d', 'median (days)', 'p75 (days)'],
      r.cohorts.map((c) => [c.cohort, c.users, c.reached, c.censored, pct(c.within['1d']), pct(c.within['7d']), pct(c.within['14d']), pct(c.within['30d']), days(c.medianMs), days(c.p75Ms)]),
      { file: 'sabu-ttv' },
    ),
  ];
}

async function renderChecklists() {
  const r = await fetchReport('checklists');
  return r.checklists.length
    ? r.checklists.flatMap((c) => [
        el('div', { class: 'kpis' }, kpi(`${c.checklist}: shown`, c.shown), kpi('Completed', `${c.completed} (${pct(c.completionRate)})`), kpi('Dismissed', c.dismissed), kpi('Median duration', c.medianDurationMs == null ? '–' : `${Math.round(c.medianDurationMs / 60000)} min`)),
        barChart(`${c.checklist}: completion per item`, c.items.map((i) => i.item), [{ label: 'completion rate', values: c.items.map((i) => i.completionRate) }]),
        table(
          `${c.checklist}: funnel`,
          ['item', 'completed by', 'completion', 'drop-off', 'median time to complete (min)'],
          c.items.map((i) => [i.item, i.completedUsers, pct(i.completionRate), pct(i.dropOff), i.medianMsToComplete == null ? null : Math.round(i.medianMsToComplete / 600) / 100]),
          { file: `sabu-checklist-${c.checklist}` },
        ),
      ])
    : [el('section', {}, el('p', { class: 'note' }, 'No checklist events yet (Checklist Shown, Checklist Item Completed, …).'))];
}

async function renderVoice() {
  const r = await fetchReport('voice');
  const find = (summaries, kind) => summaries.find((s) => s.kind == kind);
  const overall = (kind) => find(r.overall, kind);
  const weeks = r.byWeek.map((w) => w.week);
  return [
    el('div', { class: 'kpis' }, ...['nps', 'csat', 'ces'].map((k) => kpi(k.toUpperCase(), overall(k) ? `${overall(k).score} (${overall(k).responses})` : '–'))),
    weeks.length
      ? chart(
          'NPS by week',
          { scales: { x: { time: false }, y: { range: [-100, 100] } }, axes: [{ values: (_, t) => t.map((i) => weeks[i] ?? '') }, {}], series: [{}, { label: 'NPS', stroke: COLORS[0], width: 2 }] },
          [weeks.map((_, i) => i), r.byWeek.map((w) => find(w.summaries, 'nps')?.score ?? null)],
        )
      : null,
    table(
      `Scores per cohort (${r.by})`,
      ['cohort', 'kind', 'responses', 'score', 'mean', 'counts'],
      r.byCohort.flatMap((c) => c.summaries.map((s) => [c.cohort, s.kind, s.responses, s.score, s.mean, Object.entries(s.counts).map(([k, v]) => `${k} ${v}`).join(', ')])),
      { file: 'sabu-voice' },
    ),
    table('Comments', ['when', 'survey', 'user', 'comment'], r.comments.map((c) => [new Date(c.at).toISOString().slice(0, 16).replace('T', ' '), c.survey, c.personId, c.comment]), { file: 'sabu-comments' }),
  ];
}

async function renderFriction() {
  const r = await fetchReport('friction');
  const top = r.clicks.slice(0, 12);
  return [
    barChart('Frustration hotspots (rage, dead, error clicks)', top.map((c) => `${c.kind} ${c.page} ${c.selector}`), [{ label: 'clicks', values: top.map((c) => c.count) }]),
    table('Clicks by page and element', ['kind', 'page', 'element', 'clicks', 'users'], r.clicks.map((c) => [c.kind, c.page, c.selector, c.count, c.users]), { file: 'sabu-friction-clicks' }),
    table('Abandoned flows by step', ['flow', 'last step', 'reason', 'count', 'users'], r.flows.map((f) => [f.flow, f.lastStep, f.reason, f.count, f.users]), { file: 'sabu-friction-flows' }),
    table('Abandoned forms by last field', ['page', 'form', 'last field', 'count', 'users'], r.forms.map((f) => [f.page, f.form, f.lastField, f.count, f.users]), { file: 'sabu-friction-forms' }),
    table('Slow pages (web vitals, p75)', ['page', 'metric', 'p75', 'rating', 'samples'], r.vitals.map((v) => [v.page, v.name, v.p75, v.rating, v.samples]), { file: 'sabu-web-vitals' }),
  ];
}

async function renderHealth() {
  const [adoption, health] = await Promise.all([fetchReport('adoption'), fetchReport('health')]);
  const w = health.weights;
  const lowest = health.accounts.slice(0, 20);
  return [
    el('div', { class: 'kpis' }, kpi('Active users', adoption.activeUsers), kpi('Active accounts', adoption.activeAccounts), kpi('Accounts at risk', health.atRisk.length)),
    barChart('Feature adoption (share of active users)', adoption.features.map((f) => f.feature), [{ label: 'share of active users', values: adoption.features.map((f) => f.userShare) }]),
    table('Feature adoption', ['feature', 'users', 'share of active users', 'accounts', 'share of active accounts'], adoption.features.map((f) => [f.feature, f.users, pct(f.userShare), f.accounts, pct(f.accountShare)]), { file: 'sabu-adoption' }),
    barChart('Lowest account health scores', lowest.map((a) => a.accountId), [{ label: 'score', values: lowest.map((a) => a.score) }], `Score = 100 × (${w.activity}·activity + ${w.breadth}·breadth + ${w.onboarding}·onboarding + ${w.sentiment}·sentiment + ${w.friction}·friction) / ${Object.values(w).reduce((a, b) => a + b, 0)}; at risk below ${health.atRiskBelow}; last ${health.windowDays} days.`),
    table(
      'Account health',
      ['account', 'score', 'at risk', 'users', 'activity', 'breadth', 'onboarding', 'sentiment', 'friction'],
      health.accounts.map((a) => [a.accountId, a.score, a.atRisk ? 'yes' : 'no', a.users, a.components.activity, a.components.breadth, a.components.onboarding, a.components.sentiment, a.components.friction]),
      { file: 'sabu-health', rowClass: (i) => (health.accounts[i].atRisk ? 'risk' : '') },
    ),
  ];
}

let projectShown = false;
/** Names the project and labels synthetic demo data, once per page load. */
async function showProject() {
  if (projectShown) return;
  const res = await fetch('/v1/project', { headers: { authorization: `Bearer ${readKey()}` } });
  if (!res.ok) return;
  projectShown = true;
  const p = await res.json();
  document.getElementById('project').textContent = p.name;
  const banner = document.getElementById('synthetic');
  banner.hidden = !p.syntheticEvents;
  banner.textContent = `Includes ${p.syntheticEvents.toLocaleString()} synthetic demo events of ${p.events.toLocaleString()} (users "demo-user-…"): for trying the dashboard, not real customers.`;
}

function kpi(label, value) {
  return el('div', { class: 'kpi' }, el('b', {}, value), label);
}

// ---- routing ------------------------------------------------------------------------

async function route() {
  const name = location.hash.replace(/^#\/?/, '') || 'ttv';
  const render = PAGES[name] ?? renderTtv;
  for (const a of document.querySelectorAll('nav a')) {
    if (a.getAttribute('href') == `#/${name}`) {
      a.setAttribute('aria-current', 'page');
      document.title = `Sabu: ${a.textContent}`;
    } else a.removeAttribute('aria-current');
  }
  if (!readKey()) {
    keyForm.hidden = false;
    main.replaceChildren(el('p', { class: 'note' }, 'A read key is needed to show reports.'));
    return;
  }
  showProject();
  main.setAttribute('aria-busy', 'true');
  main.replaceChildren(el('p', { class: 'note' }, 'Loading…'));
  try {
    main.replaceChildren(...(await render()).filter(Boolean));
    main.dataset.ready = name;
  } catch (e) {
    main.replaceChildren(el('p', { class: 'error' }, `Could not load the report: ${e.message}`));
  } finally {
    main.removeAttribute('aria-busy');
  }
}

filters.addEventListener('submit', (e) => {
  e.preventDefault();
  route();
});
keyForm.addEventListener('submit', (e) => {
  e.preventDefault();
  localStorage.setItem(KEY_STORAGE, new FormData(keyForm).get('key'));
  keyForm.hidden = true;
  route();
});
// Filters can come in the link (…/dashboard/?by=plan&asOf=2026-03-01#/ttv) so views can be shared.
for (const [k, v] of new URL(location.href).searchParams) if (filters.elements[k]) filters.elements[k].value = v;
addEventListener('hashchange', route);
// uPlot is a deferred classic script; module scripts run after it.
route();
