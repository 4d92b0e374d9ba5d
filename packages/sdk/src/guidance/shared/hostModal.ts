/** How often (ms) a prompt held back by the page's own modal dialog looks again. */
export const MODAL_RECHECK_MS = 1000;

/**
 * Whether the page shows a modal dialog of its own: a `<dialog>` opened with
 * `showModal()`, or an element on screen with `aria-modal="true"` (Bootstrap, MUI, Radix,
 * Headless UI dialogs). The user is in the middle of something there, and the dialog's
 * focus trap would keep the keyboard out of a prompt shown beside it (WCAG 2.1.1), so
 * unrequested prompts wait for it to close. Browsers without `:modal` (before Chromium 105,
 * Safari 15.6) throw on the selector: they do not wait.
 */
export function hostModalOpen(): boolean {
  try {
    return [...document.querySelectorAll('dialog:modal,[aria-modal=true]')].some((el) => el.checkVisibility?.() ?? true);
  } catch {
    return false;
  }
}
