import { h, render } from 'preact';
import { guideWidget } from '../banner/guideWidget.js';
import { GuideAction } from '../banner/GuideAction.js';
import { createT, pickText } from '../i18n/createT.js';
import { richText } from '../text/RichText.js';
import { anchorTo } from '../tour/anchorTo.js';
import { followAnchor } from '../tour/followAnchor.js';
import { moveTo } from '../tour/moveTo.js';
import { TOUR_STRINGS } from '../tour/tourStrings.js';
import type { GuideProps } from '../tour/types.js';

/** The beacon sits on the anchor's top corner at the end of the line (px from it). */
const INSET = 12;

/**
 * A hotspot: a pulsing beacon on the anchor's corner (a button, "Open tip: …"), which
 * opens a non-modal tip beside it; Escape or the close button closes the tip and moves
 * focus to the marked element. Both follow the anchor while the page scrolls or resizes.
 */
export function mountHotspot(props: GuideProps) {
  let p = props;
  const root = guideWidget(p);
  const id = 'sabu-g-' + p.def.id;
  let open = false;
  let offTip: (() => void) | undefined;

  const draw = () => {
    const t = createT(root.locale, p.strings, TOUR_STRINGS);
    const d = p.def;
    const title = (d.title && pickText(d.title, root.locale)) || t('hotspot.new');
    // Once opened and closed, the hotspot has done its job and goes: focus moves to the element it marked.
    const close = () => {
      open = false;
      draw();
      (p.anchor instanceof HTMLElement ? p.anchor : beacon())?.focus();
      p.on.dismiss();
    };
    render(
      h('div', null, [
        h('button', {
          type: 'button',
          class: 'beacon',
          'aria-label': t('hotspot.open', { title }),
          'aria-expanded': open ? 'true' : 'false',
          'aria-controls': id,
          onClick: () => {
            open = !open;
            if (open) p.on.open();
            draw();
          },
        }, h('i', null)),
        open
          ? h('section', {
              id,
              class: 'tip anch',
              role: 'dialog',
              'aria-modal': 'false',
              'aria-labelledby': id + '-t',
              tabIndex: -1,
              onKeyDown: (e: KeyboardEvent) => e.key == 'Escape' && (e.stopPropagation(), close()),
            }, [
              h('div', { class: 'arrow', 'aria-hidden': 'true' }),
              h('div', { class: 'top' }, [
                h('h2', { class: 'prog', id: id + '-t' }, title),
                h('button', { type: 'button', class: 'x ghost', 'aria-label': t('guide.close'), onClick: close }, '×'),
              ]),
              h('p', { class: 'txt' }, richText(pickText(d.text, root.locale))),
              d.action ? h('div', { class: 'row' }, [h('span', { class: 'sp' }), GuideAction(d, root.locale, p.on.action)]) : null,
            ])
          : null,
      ]),
      root.el,
    );
    const tip = root.el.querySelector<HTMLElement>('.tip');
    offTip?.();
    offTip = undefined;
    if (tip) {
      offTip = anchorTo(beacon()!, tip, tip.querySelector('.arrow'), d.placement ?? 'bottom', () => {}, () => {});
      if (root.shadow.activeElement == beacon()) tip.focus({ preventScroll: true });
    }
  };
  const beacon = () => root.el.querySelector<HTMLElement>('.beacon');
  draw();
  // The beacon follows the anchor; once the anchor left the page, the SDK looks for it again.
  const rtl = () => root.rtl;
  const anchor = p.anchor!;
  const offBeacon = followAnchor(anchor, beacon()!, () => {
    if (!anchor.isConnected) return p.on.anchorLost();
    const r = anchor.getBoundingClientRect();
    const b = beacon();
    if (!b) return;
    moveTo(b, rtl() ? r.left - INSET : r.right - INSET, r.top - INSET);
  });
  p.on.shown();
  return {
    update(next: GuideProps) {
      p = next;
      draw();
    },
    destroy() {
      offBeacon();
      offTip?.();
      render(null, root.el);
      root.destroy();
    },
  };
}
