import { readJSON, writeJSON } from './storage.js';
import { timeOf } from './matchRules.js';
import { typingWait } from './typingPause.js';
import { MODAL_RECHECK_MS, hostModalOpen } from './hostModal.js';

/**
 * The global prompt budget (issue 7): at most one *unrequested* prompt per user per
 * 14 days, shared by every prompt Sabu can show by itself: surveys, and a checklist
 * panel opening by itself. Prompts the user asked for (clicking the launcher,
 * `sabu.checklist()`) never spend it. State is per user in localStorage; a host-supplied
 * `last_prompted_at` trait carries it across devices.
 */
export const PROMPT_INTERVAL_MS = 14 * 86_400_000;

/** A wish to prompt: the highest `priority` asking within the same task wins. */
export interface PromptRequest {
  /** For example `checklist:onboarding` or `survey:nps-q3`; stored as the last prompt. */
  id: string;
  /** Higher wins. Surveys and checklists document their defaults in docs/ui.md. */
  priority: number;
  /** The storage key of the user (userId, else anonymousId). */
  user: string;
  /** The user's traits (for `last_prompted_at`). */
  traits: Record<string, unknown>;
  /** Minimum gap between unrequested prompts. @default PROMPT_INTERVAL_MS */
  interval?: number;
  /**
   * Called when granted; returns `false` when it could not show after all (the anchor or
   * panel is gone, another survey is up): then the budget is not spent and the next request
   * in priority order gets its turn. `denied` when not granted.
   */
  granted: () => unknown;
  denied?: () => void;
}

const key = (user: string) => 'sabu_prompt:' + user;
let pending: PromptRequest[] = [];
/** Widgets that hold the user's attention now (an open checklist panel, a survey). */
const busy = new Set<string>();

/** When this user was last prompted unrequested (ms since epoch), or 0. */
export function lastPromptAt(user: string, traits: Record<string, unknown> = {}): number {
  const stored = readJSON<{ at: number }>(key(user))?.at ?? 0;
  const trait = timeOf(traits.last_prompted_at);
  return Math.max(stored, trait || 0);
}

/** Whether an unrequested prompt may be shown now. */
export const canPrompt = (user: string, traits: Record<string, unknown>, now = Date.now(), interval = PROMPT_INTERVAL_MS): boolean =>
  now - lastPromptAt(user, traits) >= interval && !busy.size;

/** Records that an unrequested prompt was shown. */
export const spendPrompt = (user: string, id: string, now = Date.now()): void => writeJSON(key(user), { at: now, id });

/** Decides the pending requests once the user's typing has paused and no modal dialog of the page is open (checked again then). */
function decide(): void {
  const wait = typingWait() || (hostModalOpen() ? MODAL_RECHECK_MS : 0);
  if (wait) return void setTimeout(decide, wait);
  const all = pending.sort((a, b) => b.priority - a.priority);
  pending = [];
  const best = all[0]!;
  let ok = canPrompt(best.user, best.traits, Date.now(), best.interval);
  for (const x of all) ok && x.granted() !== false ? (spendPrompt(x.user, x.id), (ok = false)) : ok || x.denied?.();
}

/**
 * Asks to show an unrequested prompt. Requests made in the same task are compared and
 * only the highest priority may be granted, if the budget allows and nothing is busy.
 * While the user types (see typingPause.ts), the decision waits for a pause; it never
 * takes focus, so a focused field alone does not hold it back. While the page shows a
 * modal dialog of its own (hostModal.ts), it waits for the dialog to close.
 */
export function requestPrompt(r: PromptRequest): void {
  pending.push(r);
  if (pending.length == 1) setTimeout(decide);
}

/** Marks a widget as holding attention (`true`) or not; no prompt is granted meanwhile. */
export function setBusy(id: string, on: boolean): void {
  if (on) busy.add(id);
  else busy.delete(id);
}

/** Whether a widget holds the user's attention (surveys wait while a checklist panel is open). */
export const isBusy = (): boolean => busy.size > 0;
