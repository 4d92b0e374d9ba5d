import type { Store } from '../store/Store.js';
import type { CohortQuery } from '../store/queryTypes.js';
import { round } from './ttvReport.js';

export interface GuideCounts {
  viewed: number;
  clicked: number;
  dismissed: number;
  /** clicked / viewed (people). */
  clickThroughRate: number;
  /** dismissed / viewed (people). */
  dismissRate: number;
}

export interface GuideStat extends GuideCounts {
  guide: string;
  kind: string;
  byCohort: (GuideCounts & { cohort: string })[];
}

export interface GuideReport {
  by: string;
  guides: GuideStat[];
}

const counts = (viewed: number, clicked: number, dismissed: number): GuideCounts => ({
  viewed,
  clicked,
  dismissed,
  clickThroughRate: viewed ? round(clicked / viewed) : 0,
  dismissRate: viewed ? round(dismissed / viewed) : 0,
});

/**
 * Hotspots, banners and announcements: how many people saw each, clicked its call to
 * action (or opened the hotspot), dismissed it, and the click-through rate, overall and
 * per cohort. Guides are listed by how many saw them.
 */
export async function guideReport(store: Store, q: CohortQuery): Promise<GuideReport> {
  const rows = await store.guideRows(q);
  const out = new Map<string, GuideStat>();
  for (const r of rows) {
    const key = `${r.kind}\u0000${r.guide}`;
    let g = out.get(key);
    if (!g) out.set(key, (g = { guide: r.guide, kind: r.kind, ...counts(0, 0, 0), byCohort: [] }));
    // Each person is in exactly one cohort: the guide's totals are the cohorts' sums.
    Object.assign(g, counts(g.viewed + r.viewed, g.clicked + r.clicked, g.dismissed + r.dismissed));
    g.byCohort.push({ cohort: r.cohort, ...counts(r.viewed, r.clicked, r.dismissed) });
  }
  return { by: q.by, guides: [...out.values()].sort((a, b) => b.viewed - a.viewed || a.guide.localeCompare(b.guide) || a.kind.localeCompare(b.kind)) };
}
