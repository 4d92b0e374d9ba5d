import { h, render } from 'preact';
import { createT, pickText } from '../i18n/createT.js';
import { richText } from '../text/RichText.js';
import { TOUR_STRINGS } from '../tour/tourStrings.js';
import { deepActive, trapFocus } from '../tour/trapFocus.js';
import type { GuideProps } from '../tour/types.js';
import { GuideAction } from './GuideAction.js';
import { guideWidget } from './guideWidget.js';

/**
 * An announcement: a centred modal dialog over a backdrop, labelled by its title, with the
 * text, an optional call to action and a close button. Focus moves in (to the first
 * button), stays inside while it is open, and returns to where it was after.
 */
export function mountAnnouncement(props: GuideProps) {
  let p = props;
  const root = guideWidget(p);
  const returnTo = deepActive();
  const id = 'sabu-g-' + p.def.id;
  const draw = () => {
    const t = createT(root.locale, p.strings, TOUR_STRINGS);
    const d = p.def;
    const title = d.title && pickText(d.title, root.locale);
    render(
      h('div', null, [
        h('div', { class: 'backdrop', 'aria-hidden': 'true' }),
        h('section', {
          class: 'tip modal',
          role: 'dialog',
          'aria-modal': 'true',
          ...(title ? { 'aria-labelledby': id + '-t' } : { 'aria-label': t('guide.region') }),
          'aria-describedby': id + '-x',
          tabIndex: -1,
          onKeyDown: (e: KeyboardEvent) => (e.key == 'Escape' ? (e.stopPropagation(), p.on.dismiss()) : trapFocus(e, e.currentTarget as HTMLElement)),
        }, [
          h('div', { class: 'top' }, [
            h('span', { class: 'prog' }, title ? h('h2', { id: id + '-t' }, title) : null),
            h('button', { type: 'button', class: 'x ghost', 'aria-label': t('guide.close'), onClick: p.on.dismiss }, '×'),
          ]),
          h('p', { class: 'txt', id: id + '-x' }, richText(pickText(d.text, root.locale))),
          h('div', { class: 'row' }, [h('span', { class: 'sp' }), GuideAction(d, root.locale, p.on.action)]),
        ]),
      ]),
      root.el,
    );
  };
  draw();
  (root.el.querySelector<HTMLElement>('.act') ?? root.el.querySelector<HTMLElement>('.x'))?.focus();
  p.on.shown();
  return {
    update(next: GuideProps) {
      p = next;
      draw();
    },
    destroy() {
      const active = deepActive();
      const ours = !active || active == document.body || root.el.contains(active);
      render(null, root.el);
      root.destroy();
      if (ours && returnTo?.isConnected) returnTo.focus({ preventScroll: true });
    },
  };
}
