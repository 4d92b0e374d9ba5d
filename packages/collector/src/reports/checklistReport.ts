import type { Store } from '../store/Store.js';
import type { ReportQuery } from '../store/queryTypes.js';
import { round } from './ttvReport.js';

export interface ChecklistItemStat {
  item: string;
  completedUsers: number;
  /** completedUsers / users who saw the checklist. */
  completionRate: number;
  medianMsToComplete: number | null;
  /** Completion rate lost against the item before it (items ordered by completion). */
  dropOff: number;
}

export interface ChecklistFunnel {
  checklist: string;
  shown: number;
  completed: number;
  completionRate: number;
  dismissed: number;
  medianMsToComplete: number | null;
  medianDurationMs: number | null;
  items: ChecklistItemStat[];
}

/**
 * Per checklist: how many saw it, completed each item, finished, dismissed. Items need
 * not be done in order, so the funnel orders them by how many completed them; drop-off is
 * the step down from one item to the next.
 */
export async function checklistReport(store: Store, q: ReportQuery): Promise<{ checklists: ChecklistFunnel[] }> {
  const rows = await store.checklistRows(q);
  const out = new Map<string, ChecklistFunnel>();
  for (const r of rows.filter((r) => r.item == null)) {
    out.set(r.checklist, {
      checklist: r.checklist,
      shown: r.shown,
      completed: r.completedUsers,
      completionRate: r.shown ? round(r.completedUsers / r.shown) : 0,
      dismissed: r.dismissed,
      medianMsToComplete: r.medianMs,
      medianDurationMs: r.medianDurationMs,
      items: [],
    });
  }
  for (const r of rows) {
    if (r.item == null) continue;
    const c = out.get(r.checklist);
    if (!c) continue;
    c.items.push({
      item: r.item,
      completedUsers: r.completedUsers,
      completionRate: c.shown ? round(r.completedUsers / c.shown) : 0,
      medianMsToComplete: r.medianMs,
      dropOff: 0,
    });
  }
  for (const c of out.values()) {
    c.items.sort((a, b) => b.completedUsers - a.completedUsers || a.item.localeCompare(b.item));
    c.items.forEach((it, i) => {
      const prev = i ? c.items[i - 1]!.completionRate : 1;
      it.dropOff = round(Math.max(0, prev - it.completionRate));
    });
  }
  return { checklists: [...out.values()] };
}
