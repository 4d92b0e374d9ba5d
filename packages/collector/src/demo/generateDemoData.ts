import type { EventRow } from '../store/EventRow.js';
import { demoGuidance } from './demoGuidance.js';
import { prng } from './prng.js';

export interface DemoDataOptions {
  projectId: string;
  /** Identified users to invent. @default 3000 */
  users?: number;
  /** Weekly signup cohorts, ending at `now`. @default 8 */
  weeks?: number;
  /** @default Date.now() */
  now?: number;
  /** PRNG seed, so two runs make the same data. @default 42 */
  seed?: number;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
/**
 * Features and how popular each is (chance a user with average appetite uses it), so the
 * adoption report shows a spread as real products do, not six equal bars. `plans` limits
 * a feature to those plans (single sign-on is an enterprise feature).
 */
const FEATURES: readonly { name: string; appeal: number; plans?: readonly string[] }[] = [
  { name: 'dashboards', appeal: 1.5 },
  { name: 'reports', appeal: 1.2 },
  { name: 'alerts', appeal: 0.7 },
  { name: 'integrations', appeal: 0.45 },
  { name: 'api', appeal: 0.25, plans: ['pro', 'enterprise'] },
  { name: 'sso', appeal: 0.9, plans: ['enterprise'] },
];
/** Forms users leave half-filled, with the fields in the order people fill them. */
const FORMS: readonly { form: string; page: string; fields: readonly string[] }[] = [
  { form: 'invite-teammate', page: '/app/settings', fields: ['email', 'role', 'message'] },
  { form: 'billing-details', page: '/app/billing', fields: ['company', 'vat_id', 'card_number', 'postcode'] },
  { form: 'new-report', page: '/app/reports', fields: ['title', 'data_source', 'schedule'] },
];
const ITEMS = ['create_project', 'invite_teammate', 'connect_data', 'publish_report'];
/** Users per demo company. */
const ACCOUNT_SIZE = 4;
const PAGES = ['/app', '/app/projects', '/app/reports', '/app/settings', '/app/billing'];
/** Per plan: median TTV in hours, share that ever reaches value, feature appetite, NPS lean. */
const PLANS = {
  free: { weight: 0.55, ttvHours: 60, reach: 0.55, breadth: 0.3, nps: 6 },
  pro: { weight: 0.35, ttvHours: 20, reach: 0.8, breadth: 0.55, nps: 8 },
  enterprise: { weight: 0.1, ttvHours: 8, reach: 0.92, breadth: 0.8, nps: 8.5 },
} as const;

/**
 * The demo experiment (issue 15): a guided setup tour against the plain onboarding, with
 * a holdout that sees no guidance. Guided users reach value sooner (TTV × 0.6) and a little
 * more often, the holdout a little later, so the experiment report has a clear result.
 */
const EXPERIMENT = { id: 'guided-setup', holdout: 0.1, arms: { control: { ttv: 1, reach: 1 }, guided: { ttv: 0.6, reach: 1.1 }, holdout: { ttv: 1.15, reach: 0.95 } } } as const;

/**
 * Clearly labelled synthetic data (`demo-` ids, `context.library.name = "sabu-demo-data"`)
 * for the dashboard: several weekly cohorts and plans with different TTV, checklists,
 * tours and guides, surveys, friction and web vitals, so every report has something to show.
 */
export function generateDemoData(o: DemoDataOptions): EventRow[] {
  const rnd = prng(o.seed ?? 42);
  const now = o.now ?? Date.now();
  const users = o.users ?? 3000;
  const weeks = o.weeks ?? 8;
  const rows: EventRow[] = [];
  const context = JSON.stringify({ library: { name: 'sabu-demo-data', version: '1' } });
  let seq = 0;
  const normal = () => Math.sqrt(-2 * Math.log(rnd() || 1e-9)) * Math.cos(2 * Math.PI * rnd());
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;

  for (let u = 0; u < users; u++) {
    const userId = `demo-user-${u}`;
    const anon = `demo-anon-${u}`;
    const accountNo = Math.floor(u / ACCOUNT_SIZE);
    const account = `demo-account-${accountNo}`;
    // Plan and engagement belong to the account: every user of a company shares them.
    const accountRnd = prng((o.seed ?? 42) * 7919 + accountNo);
    const r = accountRnd();
    const dormant = accountRnd() < 0.2;
    const plan = r < PLANS.free.weight ? 'free' : r < PLANS.free.weight + PLANS.pro.weight ? 'pro' : 'enterprise';
    const P = dormant ? { ...PLANS[plan], reach: PLANS[plan].reach * 0.4, breadth: 0.1, nps: 4 } : PLANS[plan];
    const signup = now - rnd() * weeks * 7 * DAY;
    // Its own random stream, so adding the experiment left every other demo number as it was.
    const armDraw = prng((o.seed ?? 42) * 104_729 + u)();
    const arm = armDraw < EXPERIMENT.holdout ? 'holdout' : armDraw < (1 + EXPERIMENT.holdout) / 2 ? 'control' : 'guided';
    const effect = EXPERIMENT.arms[arm];
    const add = (type: EventRow['type'], at: number, event: string | null, extra: Partial<EventRow> = {}) => {
      if (at > now) return;
      rows.push({
        projectId: o.projectId,
        messageId: `demo-${o.seed ?? 42}-${seq++}`,
        type,
        event,
        anonymousId: anon,
        userId: at >= signup ? userId : null,
        groupId: at >= signup ? account : null,
        timestamp: at,
        originalTimestamp: at,
        receivedAt: at,
        sessionId: null,
        pagePath: extra.pagePath ?? null,
        properties: null,
        traits: null,
        context,
        ...extra,
      });
    };
    const props = (p: object) => ({ properties: JSON.stringify(p) });
    // Anonymous visit before signup: identify() links it to the user.
    add('page', signup - 10 * 60_000, null, { pagePath: '/pricing' });
    add('identify', signup, null, { traits: JSON.stringify({ plan, created_at: new Date(signup).toISOString(), demo: true }) });
    add('group', signup, null, { traits: JSON.stringify({ name: `Demo Co ${accountNo}`, plan }) });
    add('track', signup + 30_000, 'Experiment Exposed', props({ experiment: EXPERIMENT.id, variant: arm }));
    // Checklist
    add('track', signup + 60_000, 'Checklist Shown', props({ checklist: 'onboarding' }));
    let done = 0;
    let t = signup + 60_000;
    for (const [i, item] of ITEMS.entries()) {
      if (rnd() > P.reach * (1 - i * 0.12)) break;
      t += Math.exp(Math.log(P.ttvHours * HOUR * 0.25) + normal() * 0.8);
      add('track', t, 'Checklist Item Completed', props({ checklist: 'onboarding', item }));
      done++;
    }
    if (done == ITEMS.length) add('track', t + 1000, 'Checklist Completed', props({ checklist: 'onboarding', duration_ms: Math.round(t - signup) }));
    else if (rnd() < 0.3) add('track', t + HOUR, 'Checklist Dismissed', props({ checklist: 'onboarding' }));
    // Value
    if (rnd() < Math.min(0.97, P.reach * effect.reach)) {
      const ttv = Math.exp(Math.log(P.ttvHours * HOUR * effect.ttv) + normal() * 1.1);
      add('track', signup + ttv, 'First Value Reached', props({ ttv_ms: Math.round(ttv), from: 'signup', cohort: plan }));
    }
    // Activity on a number of days
    const activeDays = Math.floor(rnd() * 20 * P.breadth + 1);
    // Dormant accounts stopped using the product a few days after signing up.
    const activeUntil = dormant ? Math.min(now, signup + 3 * DAY) : now;
    const myFeatures = FEATURES.filter((f) => (!f.plans || f.plans.includes(plan)) && rnd() < Math.min(0.95, (P.breadth + 0.1) * f.appeal)).map((f) => f.name);
    for (let d = 0; d < activeDays; d++) {
      const at = signup + rnd() * (activeUntil - signup);
      const path = pick(PAGES);
      add('page', at, null, { pagePath: path });
      for (const f of myFeatures) if (rnd() < 0.5) add('track', at + 5000, 'Feature Used', { ...props({ feature: f, first_use: false }), pagePath: path });
      if (rnd() < 0.08) add('track', at + 7000, 'Rage Click', { ...props({ selector: pick(['#export-btn', 'button.save', '.chart-legend']), page: '/app/reports' }), pagePath: '/app/reports' });
      if (rnd() < 0.06) add('track', at + 8000, 'Dead Click', { ...props({ selector: pick(['.upgrade-banner', 'h2.title']), page: path }), pagePath: path });
      if (rnd() < 0.03) add('track', at + 9000, 'Error Click', { ...props({ selector: 'button.connect', page: '/app/settings' }), pagePath: '/app/settings' });
      if (rnd() < 0.5) {
        const lcp = Math.exp(Math.log(path == '/app/reports' ? 3200 : 1600) + normal() * 0.4);
        add('track', at + 2000, 'Web Vital', { ...props({ name: 'LCP', value: Math.round(lcp), rating: lcp <= 2500 ? 'good' : lcp <= 4000 ? 'needs-improvement' : 'poor', page: path }), pagePath: path });
        const inp = Math.exp(Math.log(path == '/app/billing' ? 260 : 120) + normal() * 0.5);
        add('track', at + 3000, 'Web Vital', { ...props({ name: 'INP', value: Math.round(inp), rating: inp <= 200 ? 'good' : inp <= 500 ? 'needs-improvement' : 'poor', page: path }), pagePath: path });
      }
    }
    // Abandoned forms: the later the field, the fewer get there (most stop at the first hard one).
    for (const f of FORMS)
      if (rnd() < 0.1) {
        const last = f.fields[Math.min(f.fields.length - 1, Math.floor(rnd() ** 1.6 * f.fields.length))]!;
        add('track', signup + rnd() * (activeUntil - signup), 'Form Abandoned', { ...props({ form: f.form, last_field: last, fields_touched: f.fields.indexOf(last) + 1, page: f.page }), pagePath: f.page });
      }
    if (rnd() < 0.12) add('track', signup + 30 * 60_000, 'Flow Abandoned', props({ flow: 'connect-data', last_step: pick(['choose-source', 'authorize', 'map-fields']), reason: pick(['timeout', 'page_exit', 'restarted']) }));
    // Surveys after a week
    if (rnd() < 0.35) {
      const at = signup + 7 * DAY + rnd() * DAY;
      add('track', at - 1000, 'Survey Shown', props({ survey: 'nps-q', kind: 'nps' }));
      const score = Math.max(0, Math.min(10, Math.round(P.nps + normal() * 2)));
      add('track', at, 'Survey Answered', props({ survey: 'nps-q', kind: 'nps', score }));
      if (rnd() < 0.25) add('track', at + 5000, 'Survey Comment', props({ survey: 'nps-q', comment: score >= 9 ? 'Love the reports.' : score <= 6 ? 'Setup took too long.' : 'Good, exports could be faster.' }));
    }
    if (rnd() < 0.2) add('track', signup + 2 * DAY, 'Survey Answered', props({ survey: 'export-csat', kind: 'csat', score: Math.max(1, Math.min(5, Math.round(3.8 + normal()))) }));
    if (rnd() < 0.15) add('track', signup + 3 * DAY, 'Survey Answered', props({ survey: 'setup-ces', kind: 'ces', score: Math.max(1, Math.min(7, Math.round(5 + normal() * 1.3))) }));
    // Tours and guides draw from their own generator: the data above stays as it was. The
    // experiment's holdout sees no guidance.
    if (arm != 'holdout') for (const [at, event, p] of demoGuidance(prng((o.seed ?? 42) * 130_363 + u), { signup, plan, dormant })) add('track', at, event, props(p));
  }
  return rows;
}
