import type { Store } from '../store/Store.js';
import type { CohortQuery, TourData } from '../store/queryTypes.js';
import { round } from './ttvReport.js';

/** Steps listed even when nobody reached them, up to this many (a tour past it is no longer a tour). */
export const MAX_LISTED_STEPS = 50;

export interface TourStepStat {
  index: number;
  step: string | null;
  /** People who viewed this step. */
  viewed: number;
  /** viewed / started. */
  reachedRate: number;
  /** People whose furthest step was this one and who did not complete the tour. */
  dropped: number;
  /** dropped / started: where the people who did not finish stopped. */
  dropOff: number;
  /** People who dismissed the tour on this step. */
  dismissed: number;
}

export interface TourCohortStat {
  cohort: string;
  started: number;
  completed: number;
  completionRate: number;
  dismissed: number;
  failed: number;
}

export interface TourFunnel {
  tour: string;
  started: number;
  completed: number;
  completionRate: number;
  dismissed: number;
  failed: number;
  /** Started but never viewed a step (the first anchor never showed, or the page was left at once). */
  stoppedBeforeFirstStep: number;
  steps: TourStepStat[];
  /** `Tour Step Failed` by reason and step: people and events, most people first. */
  failures: Omit<TourData['failures'][number], 'tour'>[];
  byCohort: TourCohortStat[];
}

export interface TourReport {
  by: string;
  tours: TourFunnel[];
}

const rate = (n: number, of: number) => (of ? round(n / of) : 0);

/**
 * Per tour: started → each step viewed → completed, where people stopped (the furthest
 * step viewed by those who did not complete), dismissals by step, failures by reason, and
 * the headline numbers per cohort. Tours are listed by how many started them.
 */
export async function tourReport(store: Store, q: CohortQuery): Promise<TourReport> {
  const data = await store.tourData(q);
  const out = new Map<string, TourFunnel>();
  const longest = new Map<string, number>();
  for (const r of data.tours) {
    let t = out.get(r.tour);
    if (!t) {
      t = { tour: r.tour, started: 0, completed: 0, completionRate: 0, dismissed: 0, failed: 0, stoppedBeforeFirstStep: 0, steps: [], failures: [], byCohort: [] };
      out.set(r.tour, t);
    }
    // Each person is in exactly one cohort: the tour's totals are the cohorts' sums.
    t.started += r.started;
    t.completed += r.completed;
    t.dismissed += r.dismissed;
    t.failed += r.failed;
    longest.set(r.tour, Math.max(longest.get(r.tour) ?? 0, r.steps));
    t.byCohort.push({ cohort: r.cohort, started: r.started, completed: r.completed, completionRate: rate(r.completed, r.started), dismissed: r.dismissed, failed: r.failed });
  }
  for (const t of out.values()) {
    t.completionRate = rate(t.completed, t.started);
    const seen = new Map(data.steps.filter((s) => s.tour == t.tour).map((s) => [s.index, s]));
    const count = Math.max(Math.min(longest.get(t.tour) ?? 0, MAX_LISTED_STEPS), ...[...seen.keys()].map((i) => i + 1));
    for (let index = 0; index < count; index++) {
      const s = seen.get(index);
      t.steps.push({
        index,
        step: s?.step ?? null,
        viewed: s?.viewed ?? 0,
        reachedRate: rate(s?.viewed ?? 0, t.started),
        dropped: s?.dropped ?? 0,
        dropOff: rate(s?.dropped ?? 0, t.started),
        dismissed: s?.dismissed ?? 0,
      });
    }
    t.failures = data.failures.filter((f) => f.tour == t.tour).map(({ tour: _, ...f }) => f);
    t.stoppedBeforeFirstStep = data.unseen.find((u) => u.tour == t.tour)?.users ?? 0;
  }
  return { by: q.by, tours: [...out.values()].sort((a, b) => b.started - a.started || a.tour.localeCompare(b.tour)) };
}
