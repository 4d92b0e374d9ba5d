import { kpi, kpis } from '../lib/dom.js';
import { barChart } from '../lib/charts.js';
import { table } from '../lib/table.js';
import { num, pct } from '../lib/format.js';

const LOWEST = 20;

/** Feature adoption and account health (which customers are at risk, and why). */
export async function renderHealth({ report, exportButton }) {
  const [adoption, health] = await Promise.all([report('adoption'), report('health')]);
  const lowest = health.accounts.slice(0, LOWEST);
  return [
    kpis(kpi('Active people', num(adoption.activeUsers)), kpi('Active accounts', num(adoption.activeAccounts)), kpi('Accounts at risk', num(health.atRisk.length))),
    barChart(
      'Feature adoption (share of active people)',
      adoption.features.map((f) => ({ label: f.feature, value: f.userShare, text: pct(f.userShare) })),
      { max: 1, empty: 'No Feature Used events in this period.', caption: `Active in the last ${adoption.windowDays} days.` },
    ),
    table(
      'Feature adoption',
      ['feature', { label: 'people', num: true }, { label: 'share of active people', num: true }, { label: 'accounts', num: true }, { label: 'share of active accounts', num: true }],
      adoption.features.map((f) => [f.feature, num(f.users), pct(f.userShare), num(f.accounts), pct(f.accountShare)]),
      { actions: [exportButton('adoption')], empty: 'No Feature Used events in this period.' },
    ),
    barChart(
      `The ${Math.min(LOWEST, lowest.length)} lowest account health scores`,
      lowest.map((a) => ({ label: a.accountId, value: a.score, text: num(a.score) })),
      { max: 100, empty: 'No account activity in this period.', caption: formula(health) },
    ),
    table(
      'Account health',
      ['account', { label: 'score', num: true }, 'at risk', { label: 'people', num: true }, ...['activity', 'breadth', 'onboarding', 'sentiment', 'friction'].map((k) => ({ label: k, num: true }))],
      health.accounts.map((a) => [a.accountId, num(a.score), a.atRisk ? 'yes' : 'no', num(a.users), ...['activity', 'breadth', 'onboarding', 'sentiment', 'friction'].map((k) => pct(a.components[k]))]),
      { actions: [exportButton('health')], rowClass: (row) => (row[2] == 'yes' ? 'risk' : ''), empty: 'No account activity in this period.' },
    ),
  ];
}

/** How the score is made, from the configured weights ("/ 1" left out when they sum to 1). */
function formula(h) {
  const w = Object.entries(h.weights);
  const sum = Math.round(w.reduce((a, [, v]) => a + v, 0) * 1000) / 1000;
  const terms = w.map(([k, v]) => `${num(v)} × ${k}`).join(' + ');
  return `Score = 100 × (${terms})${sum == 1 ? '' : ` / ${num(sum)}`}; each part from 0 to 100 %. At risk below ${num(h.atRiskBelow)}; last ${num(h.windowDays)} days.`;
}
