import { arrow, computePosition, flip, offset, shift, type Placement } from '@floating-ui/core';
import { fixedPlatform } from './fixedPlatform.js';
import { followAnchor } from './followAnchor.js';
import { moveTo } from './moveTo.js';

/** Gap between the anchor and the tip, and the tip and the viewport's edges (px). */
const GAP = 12;
const EDGE = 8;

/**
 * Keeps `tip` beside `anchor` (flipped to the other side when it does not fit, shifted to
 * stay in the viewport, its arrow pointing at the anchor: @floating-ui/core's middleware)
 * while the page scrolls, resizes or moves the anchor (followAnchor.ts). `onMove` gets the anchor's box
 * (the spotlight follows it); `onLost` is called once the anchor left the page. The tip is
 * moved by a transform (moveTo.ts: no layout shift); styles are set through CSSOM, which a
 * strict CSP allows. Returns the cleanup.
 */
export function anchorTo(anchor: Element, tip: HTMLElement, arrowEl: HTMLElement | null, placement: Placement, onMove: (box: DOMRect) => void, onLost: () => void): () => void {
  let lost = false;
  return followAnchor(anchor, tip, () => {
    if (lost) return;
    if (!anchor.isConnected) return (lost = true), onLost();
    onMove(anchor.getBoundingClientRect());
    void computePosition(anchor, tip, {
      strategy: 'fixed',
      platform: fixedPlatform,
      placement,
      middleware: [offset(GAP), flip({ padding: EDGE }), shift({ padding: EDGE }), ...(arrowEl ? [arrow({ element: arrowEl, padding: 10 })] : [])],
    }).then(({ x, y, placement: side, middlewareData }) => {
      moveTo(tip, x, y);
      tip.dataset.side = side.split('-')[0];
      const a = middlewareData.arrow;
      if (arrowEl && a) {
        arrowEl.style.left = a.x != null ? a.x + 'px' : '';
        arrowEl.style.top = a.y != null ? a.y + 'px' : '';
      }
    });
  });
}
