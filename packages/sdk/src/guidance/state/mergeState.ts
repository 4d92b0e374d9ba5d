import { readJSON, writeJSON } from '../shared/storage.js';
import { progressKey, type Progress } from '../checklist/createProgress.js';
import { lastPromptAt, spendPrompt } from '../shared/promptBudget.js';
import { readSurveyState, surveyStateKey } from '../survey/surveyState.js';

/** The collector's answer to POST /v1/state (packages/collector/src/state/deriveGuidanceState.ts). */
export interface GuidanceState {
  checklists?: Record<string, { v?: number; start: number; shown?: number; done?: Record<string, number>; completed?: number; never?: number }>;
  prompt?: { at: number; id: string } | null;
  surveys?: Record<string, { at: number; answered?: number }>;
}

const num = (x: unknown): x is number => typeof x == 'number' && Number.isFinite(x);
/** The earlier of two times; either may be missing. */
const first = (a: number | undefined, b: number | undefined) => (num(a) ? (num(b) ? Math.min(a, b) : a) : num(b) ? b : undefined);

/**
 * Merges another device's state into this browser's, newest wins:
 * - prompt budget: the later of the two last prompts;
 * - surveys: per survey, the record last shown (an answer to the same showing wins over none);
 * - checklists: items done on either device (the earlier time), completed or dismissed for
 *   good on either, the higher definition version alone when they differ. A checklist
 *   running in this page is told through a `storage` event, the way another tab tells it,
 *   so it ticks the items without sending their events again.
 * Writes only what changes. Bad input is skipped, never thrown.
 */
export function mergeState(s: GuidanceState, user: string, anonymousId?: string): void {
  if (!s || typeof s != 'object') return;
  const p = s.prompt;
  if (p && num(p.at) && typeof p.id == 'string' && p.at > lastPromptAt(user)) spendPrompt(user, p.id, p.at);

  if (s.surveys && typeof s.surveys == 'object') {
    const st = readSurveyState(user, anonymousId);
    let changed = false;
    for (const [id, r] of Object.entries(s.surveys)) {
      const mine = st.r[id];
      if (!r || !num(r.at)) continue;
      if (!mine || r.at > mine.at || (r.at == mine.at && num(r.answered) && !mine.answered)) {
        st.r[id] = num(r.answered) ? { at: r.at, answered: r.answered } : { at: r.at };
        changed = true;
      }
    }
    if (changed) writeJSON(surveyStateKey(user), st);
  }

  for (const [id, c] of Object.entries(s.checklists ?? {})) {
    if (!c || !num(c.start)) continue;
    const key = progressKey(id, user);
    const mine = readJSON<Progress>(key);
    const v = num(c.v) ? c.v : (mine?.v ?? 1);
    if (mine && mine.v > v) continue; // this device runs a newer version: the other's progress is void
    const base: Progress = mine && mine.v == v ? mine : { v, start: c.start, met: {}, done: {} };
    const next: Progress = { ...base, done: { ...base.done } };
    for (const [item, t] of Object.entries(c.done ?? {})) if (num(t)) next.done[item] = first(next.done[item], t)!;
    next.start = first(next.start, c.start)!;
    for (const f of ['shown', 'completed', 'never'] as const) {
      const t = first(next[f], c[f]);
      if (t !== undefined) next[f] = t;
    }
    const text = JSON.stringify(next);
    if (text == JSON.stringify(mine)) continue;
    writeJSON(key, next);
    try {
      dispatchEvent(new StorageEvent('storage', { key, newValue: text }));
    } catch {
      /* no StorageEvent (very old browsers): the checklist reads it on the next page */
    }
  }
}
