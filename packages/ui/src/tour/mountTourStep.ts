import { render } from 'preact';
import type { Placement } from '@floating-ui/core';
import { createAnnouncer } from '../host/announce.js';
import { mountWidget } from '../host/mountWidget.js';
import { moveTo } from './moveTo.js';
import { createT, pickText } from '../i18n/createT.js';
import { anchorTo } from './anchorTo.js';
import { TOUR_CSS } from './tourCss.js';
import { TOUR_STRINGS } from './tourStrings.js';
import { TourStepView } from './TourStepView.js';
import { deepActive } from './trapFocus.js';
import type { TourStepProps } from './types.js';

/** Room kept around the anchor inside the spotlight (px). */
const SPOT_PAD = 6;

/** Whether the whole box is inside the viewport. */
const inView = (r: DOMRect) => r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;

/**
 * Mounts the tour's current step in the shared Shadow DOM host; `update()` shows the next
 * one. On each new step the anchor is scrolled into view (instantly under
 * `prefers-reduced-motion`), the tip follows it while the page scrolls or resizes, the step
 * is announced, and focus moves into the step (to the anchor itself when the step waits
 * for a click on it). `destroy()` returns focus to where it was before the tour.
 */
export function mountTourStep(props: TourStepProps) {
  const root = mountWidget('tour', TOUR_CSS, props);
  const announce = createAnnouncer(root.el);
  const returnTo = deepActive();
  let p = props;
  let shown = '';
  let anchored: Element | null = null;
  let off: (() => void) | undefined;

  // Escape with focus on the anchor (a step that waits for a click on it) closes the tour too.
  const onKey = (e: KeyboardEvent) => e.key == 'Escape' && p.anchor && deepActive() == p.anchor && p.on.dismiss();
  document.addEventListener('keydown', onKey);

  function draw() {
    root.apply(p);
    const t = createT(root.locale, p.strings, TOUR_STRINGS);
    render(TourStepView(p, t, root.locale), root.el);
    const key = p.tour + ':' + p.index;
    const tip = root.el.querySelector<HTMLElement>('.tip')!;
    if (key != shown || p.anchor != anchored) {
      off?.();
      off = undefined;
      anchored = p.anchor;
      const anchor = p.anchor;
      if (anchor) {
        const reduce = matchMedia('(prefers-reduced-motion: reduce)').matches;
        if (!inView(anchor.getBoundingClientRect())) anchor.scrollIntoView({ block: 'center', inline: 'nearest', behavior: reduce ? 'auto' : 'smooth' });
        const spot = () => root.el.querySelector<HTMLElement>('.spot');
        off = anchorTo(anchor, tip, tip.querySelector('.arrow'), (p.step.placement ?? 'bottom') as Placement, (box) => {
          const s = spot();
          if (!s) return;
          moveTo(s, box.left - SPOT_PAD, box.top - SPOT_PAD);
          s.style.width = box.width + 2 * SPOT_PAD + 'px';
          s.style.height = box.height + 2 * SPOT_PAD + 'px';
        }, () => p.on.anchorLost());
      }
    }
    if (key == shown) return;
    shown = key;
    const text = [p.step.title, p.step.text].map((x) => x && pickText(x, root.locale)).filter(Boolean).join('. ');
    announce(t('tour.announce', { n: p.index + 1, total: p.count, text }));
    const next = tip.querySelector<HTMLElement>('.next');
    if (p.anchor && !p.next && p.anchor instanceof HTMLElement) p.anchor.focus({ preventScroll: true });
    if (deepActive() != p.anchor || !p.anchor) (next ?? tip).focus({ preventScroll: true });
    p.on.shown();
  }

  draw();
  return {
    update(next: TourStepProps) {
      p = next;
      draw();
    },
    destroy() {
      off?.();
      document.removeEventListener('keydown', onKey);
      const active = deepActive();
      const ours = !active || active == document.body || root.el.contains(active);
      render(null, root.el);
      root.el.nextElementSibling?.getAttribute('role') == 'status' && root.el.nextElementSibling.remove();
      root.destroy();
      // Back to where the user was before the tour, unless they have moved on.
      if (ours && returnTo?.isConnected) returnTo.focus({ preventScroll: true });
    },
  };
}
