/**
 * A prompt Sabu shows by itself must not interrupt typing. Typing is measured, not
 * guessed from focus: many apps keep a field focused all the time (an autofocused search
 * box, a chat composer), and a rule of "wait until no field has focus" never shows the
 * prompt there (issue 12). Prompts wait until no key or input event for this long.
 * Three seconds is longer than the pauses within a sentence and much shorter than a
 * trigger's usual delay.
 */
export const TYPING_PAUSE_MS = 3000;

/** When the user last pressed a key or changed a field (ms since epoch), 0 when never. */
let lastTyped = 0;
let watching = false;

const EDITABLE = 'input,textarea,select,[contenteditable]:not([contenteditable=false])';
const mark = () => void (lastTyped = Date.now());

/**
 * How long an unrequested prompt must still wait for the user's typing to pause (ms);
 * 0 when it may show now. The first call starts listening (capture phase on window, so
 * fields inside shadow roots count too). Keys pressed before that are unknown: if a field
 * has focus then, the user may be mid-sentence, so the pause is counted from that call.
 */
export function typingWait(now = Date.now()): number {
  if (!watching && typeof document != 'undefined') {
    watching = true;
    for (const t of ['keydown', 'input']) addEventListener(t, mark, { capture: true, passive: true });
    if (document.activeElement?.matches?.(EDITABLE)) lastTyped = now;
  }
  return Math.max(0, lastTyped + TYPING_PAUSE_MS - now);
}

/** Tests only: forget what was typed and stop listening (a new page). */
export function _resetTyping(): void {
  for (const t of ['keydown', 'input']) removeEventListener(t, mark, { capture: true });
  lastTyped = 0;
  watching = false;
}
