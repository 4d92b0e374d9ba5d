import { h } from 'preact';
import type { T } from '../i18n/createT.js';
import { pickText } from '../i18n/createT.js';
import { richText } from '../text/RichText.js';
import type { TourStepProps } from './types.js';
import { trapFocus } from './trapFocus.js';

/**
 * One tour step: a labelled dialog with the progress ("2 of 5"), the step's title and
 * text (text, never HTML), and Skip, Back and Next (or Done). Anchored steps are a
 * non-modal tip with an arrow beside the anchor (positioned by mountTourStep); steps
 * without an anchor are a centred modal dialog over a backdrop that keeps focus inside.
 */
export function TourStepView(p: TourStepProps, t: T, locale: string) {
  const { step, on } = p;
  const modal = !p.anchor;
  const last = p.index == p.count - 1;
  const id = 'sabu-tour-' + p.index;
  const title = step.title && pickText(step.title, locale);
  const progress = t('tour.progress', { n: p.index + 1, total: p.count });
  const tip = h(
    'section',
    {
      // A new element per step: the next step's tip appears rather than the last one moving
      // across the page, which would be a layout shift (and stale inline position styles).
      key: p.tour + ':' + p.index,
      class: 'tip' + (modal ? ' modal' : ' anch'),
      role: 'dialog',
      'aria-modal': modal ? 'true' : 'false',
      ...(title ? { 'aria-labelledby': id + '-t' } : { 'aria-label': t('tour.label') }),
      'aria-describedby': id + '-p ' + id + '-x',
      tabIndex: -1,
      onKeyDown: (e: KeyboardEvent) => {
        if (e.key == 'Escape') return e.stopPropagation(), on.dismiss();
        if (modal) trapFocus(e, e.currentTarget as HTMLElement);
      },
    },
    [
      modal ? null : h('div', { class: 'arrow', 'aria-hidden': 'true' }),
      h('div', { class: 'top' }, [
        h('span', { class: 'prog', id: id + '-p' }, progress),
        h('button', { type: 'button', class: 'x ghost', 'aria-label': t('tour.close'), onClick: on.dismiss }, '×'),
      ]),
      title ? h('h2', { id: id + '-t' }, title) : null,
      h('p', { class: 'txt', id: id + '-x' }, richText(pickText(step.text, locale))),
      h('div', { class: 'row' }, [
        last ? null : h('button', { type: 'button', class: 'ghost skip', onClick: on.dismiss }, t('tour.skip')),
        h('span', { class: 'sp' }),
        p.index > 0 ? h('button', { type: 'button', class: 'ghost back', onClick: on.back }, t('tour.back')) : null,
        p.next ? h('button', { type: 'button', class: 'btn next', onClick: on.next }, t(last ? 'tour.done' : 'tour.next')) : null,
      ]),
    ],
  );
  return h('div', { class: 'tour' }, [
    modal ? h('div', { class: 'backdrop', 'aria-hidden': 'true' }) : null,
    p.spotlight && p.anchor ? h('div', { class: 'spot', 'aria-hidden': 'true' }) : null,
    tip,
  ]);
}
