import { h, render } from 'preact';
import type { LocalizedText } from '@sabu/schema';
import { Hint } from '../checklist/Hint.js';
import { findTarget } from '../checklist/findTarget.js';
import { createAnnouncer } from '../host/announce.js';
import { mountWidget } from '../host/mountWidget.js';
import { createT, pickText } from '../i18n/createT.js';
import type { UIOptions } from '../types.js';
import { HINT_CSS } from './hintCss.js';

/**
 * Clicks this soon after the hint appears do not close it: it answers a burst of clicks
 * (rage clicks), whose last ones may still be arriving when it shows.
 */
export const CLICK_GRACE_MS = 600;

/** A hint beside an element of the page (a playbook's `do.hint`); the contract: uiContract.ts. */
export interface HintProps extends UIOptions {
  selector: string;
  text: LocalizedText;
  on: {
    /** It is on screen (once). */
    shown(): void;
    /** Closed: Escape, its close button, or a click elsewhere. */
    close(): void;
  };
}

/**
 * Mounts the checklist's highlight and hint bubble beside the first element matching
 * `selector` (shadow roots included), following it on scroll and resize. It never takes
 * focus (it comes unasked, maybe while the user types); a screen reader hears its text
 * through the live region. Escape, the close button or a later click closes it.
 */
export function mountHint(props: HintProps) {
  const root = mountWidget('hint', HINT_CSS, props);
  const announce = createAnnouncer(root.el);
  let p = props;
  let frame = 0;
  const text = () => pickText(p.text, root.locale);
  const draw = () => {
    const target = findTarget(p.selector);
    render(
      target?.isConnected ? h(Hint, { target, text: text(), closeLabel: createT(root.locale, p.strings)('checklist.hintClose'), onClose: () => p.on.close() }) : null,
      root.el,
    );
    return !!target;
  };
  const follow = () => (frame ||= requestAnimationFrame(() => ((frame = 0), draw())));
  const onKey = (e: KeyboardEvent) => e.key == 'Escape' && p.on.close();
  const onClick = (e: Event) => !e.composedPath().includes(root.el) && p.on.close();
  const grace = setTimeout(() => addEventListener('click', onClick, true), CLICK_GRACE_MS);
  addEventListener('scroll', follow, true);
  addEventListener('resize', follow);
  addEventListener('keydown', onKey, true);
  // The element may have gone since the SDK looked: then nothing was shown.
  if (draw()) announce(text()), p.on.shown();
  else p.on.close();
  return {
    update(next: HintProps) {
      p = next;
      root.apply(next);
      draw();
    },
    destroy() {
      clearTimeout(grace);
      cancelAnimationFrame(frame);
      removeEventListener('click', onClick, true);
      removeEventListener('scroll', follow, true);
      removeEventListener('resize', follow);
      removeEventListener('keydown', onKey, true);
      render(null, root.el);
      root.el.nextElementSibling?.getAttribute('role') == 'status' && root.el.nextElementSibling.remove();
      root.destroy();
    },
  };
}
