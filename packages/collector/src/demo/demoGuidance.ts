/**
 * Demo tours, hotspots, banners and announcements for one user, as the SDK would send them
 * (the event contract of docs/collector.md#tour-funnel-tours), with plausible shapes: most
 * people leave a tour early, one step's anchor is sometimes missing, a banner is clicked
 * by a few and dismissed by many.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;

interface DemoTour {
  tour: string;
  trigger: string;
  /** Chance a user starts it. */
  start: number;
  steps: readonly { id: string; /** chance to go on to the next step */ next: number; /** chance the anchor is missing */ missing?: number }[];
}

const TOURS: readonly DemoTour[] = [
  {
    tour: 'welcome-tour',
    trigger: 'page',
    start: 0.75,
    steps: [
      { id: 'welcome', next: 0.88 },
      { id: 'create-project', next: 0.8 },
      { id: 'invite-team', next: 0.7 },
      // The data-source button is behind a feature flag for some accounts: its anchor is missing.
      { id: 'connect-data', next: 0.85, missing: 0.12 },
      { id: 'first-report', next: 0.95 },
    ],
  },
  {
    tour: 'reports-tour',
    trigger: 'requested',
    start: 0.2,
    steps: [
      { id: 'filters', next: 0.9 },
      { id: 'export', next: 0.8, missing: 0.05 },
      { id: 'schedule', next: 0.9 },
    ],
  },
];

const GUIDES = [
  // kind, id, who sees it, chance to click, chance to dismiss (of those who did not click), action
  { guide: 'annual-plan-offer', kind: 'banner', seen: (plan: string) => (plan == 'free' ? 0.8 : 0.1), click: 0.07, dismiss: 0.45, action: 'url', target: '/app/billing' },
  { guide: 'export-tip', kind: 'hotspot', seen: () => 0.5, click: 0.38, dismiss: 0.12, action: 'open' },
  { guide: 'new-dashboards', kind: 'announcement', seen: () => 0.65, click: 0.22, dismiss: 0.6, action: 'tour', target: 'reports-tour' },
] as const;

export type DemoEvent = [at: number, event: string, properties: Record<string, unknown>];

export function demoGuidance(rnd: () => number, u: { signup: number; plan: string; dormant: boolean }): DemoEvent[] {
  const out: DemoEvent[] = [];
  // Engaged companies follow tours further.
  const keen = u.dormant ? 0.8 : u.plan == 'enterprise' ? 1.05 : 1;
  for (const [n, def] of TOURS.entries()) {
    if (rnd() > def.start) continue;
    let t = u.signup + (n == 0 ? 2 * MINUTE : rnd() * 5 * DAY);
    const steps = def.steps.length;
    const base = { tour: def.tour };
    out.push([t, 'Tour Started', { ...base, steps, trigger: def.trigger }]);
    let completed = true;
    for (const [index, s] of def.steps.entries()) {
      t += (10 + rnd() * 40) * 1000;
      if (s.missing && rnd() < s.missing) {
        out.push([t, 'Tour Step Failed', { ...base, step: s.id, index, reason: rnd() < 0.8 ? 'anchor_missing' : 'anchor_hidden' }]);
        completed = false;
        break;
      }
      out.push([t, 'Tour Step Viewed', { ...base, step: s.id, index, steps }]);
      if (rnd() > Math.min(0.99, s.next * keen)) {
        // Most who leave close it; the rest just navigate away.
        if (rnd() < 0.7) out.push([t + 5000, 'Tour Dismissed', { ...base, step: s.id, index }]);
        completed = false;
        break;
      }
    }
    if (completed) out.push([t + 1000, 'Tour Completed', { ...base, steps }]);
  }
  for (const g of GUIDES) {
    if (rnd() > g.seen(u.plan)) continue;
    const t = u.signup + rnd() * 7 * DAY;
    const base = { guide: g.guide, kind: g.kind };
    out.push([t, 'Guide Viewed', base]);
    if (rnd() < g.click) out.push([t + 8000, 'Guide Clicked', { ...base, action: g.action, ...('target' in g ? { target: g.target } : {}) }]);
    else if (rnd() < g.dismiss) out.push([t + 6000, 'Guide Dismissed', base]);
  }
  return out;
}
