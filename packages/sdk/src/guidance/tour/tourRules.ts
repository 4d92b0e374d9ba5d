import type { Guide, Tour, TourStep } from '@sabu/schema';
import { matchPage, matchUser } from '../shared/matchRules.js';
import type { TourState } from './tourState.js';

/**
 * When tours and guides may be shown, and how a step behaves: pure functions of the
 * definition, the user's saved state, the page and the time (tested without a DOM).
 */

/** Rank in the shared prompt budget: below a checklist opening by itself (10), above a survey (5). */
export const TOUR_PRIORITY = 8;
/** Banners and announcements: below tours, above surveys. */
export const GUIDE_PRIORITY = 6;
/** How long a step waits for its anchor by default (s). */
export const ANCHOR_TIMEOUT_S = 10;

/**
 * Why a tour or guide is not started by a trigger now, or null when it may be (subject to
 * the prompt budget). A tour or guide runs once per user by itself: after it ended in any
 * way, only `sabu.tour(id)` shows it again. A banner or announcement seen but not closed
 * is shown again (it stays until closed), without spending the budget again.
 */
export function whyNot(def: Tour | Guide, state: TourState, traits: Record<string, unknown>, href: string, now: number): string | null {
  const rec = state.r[def.id];
  if (rec && rec.how != 'seen') return 'already ' + rec.how;
  if (state.a?.t == def.id) return 'in progress';
  if (!matchUser(def.audience, traits, now)) return 'user not in the audience';
  if (!matchPage(def.audience, href)) return 'page not in the audience';
  return null;
}

/** How one step behaves, with the tour's defaults applied. */
export function stepOptions(def: Tour, step: TourStep) {
  return {
    spotlight: !!(step.spotlight ?? def.spotlight) && !!step.anchor,
    end: (step.onMissing ?? def.onMissing) == 'end',
    timeoutMs: (def.anchorTimeoutSeconds ?? ANCHOR_TIMEOUT_S) * 1000,
    /** A Next button, unless the step moves on by itself (a click on the anchor, a condition). */
    next: step.advance != 'click' && !step.advanceWhen,
  };
}

/** Whether a definition is a guide (hotspot, banner, announcement) rather than a tour. */
export const isGuide = (def: unknown): boolean => !!def && typeof def == 'object' && 'kind' in def && !('steps' in def);

/** The trigger name sent with `Tour Started`: the kind of trigger that fired (`event`, `url`...), or `requested`. */
export const triggerName = (t: Record<string, unknown> | 'requested'): string =>
  t == 'requested' ? t : Object.keys(t).find((k) => k != 'properties' && k != 'page' && k != 'delaySeconds') ?? 'unknown';
