import { h, render } from 'preact';
import { adoptStyles } from '../host/adoptStyles.js';
import { applyTheme } from '../host/applyTheme.js';
import { BASE_CSS } from '../host/baseCss.js';
import { guideWidget } from './guideWidget.js';
import { createT, pickText } from '../i18n/createT.js';
import { isRtl, resolveLocale } from '../i18n/resolveLocale.js';
import { richText } from '../text/RichText.js';
import { TOUR_CSS } from '../tour/tourCss.js';
import { TOUR_STRINGS } from '../tour/tourStrings.js';
import type { GuideProps } from '../tour/types.js';
import { GUIDE_CSS, INLINE_HOST_CSS } from './guideCss.js';
import { GuideAction } from './GuideAction.js';

/** The element an inline banner lives in: its own host in the page flow, first (top) or last (bottom) in the body. */
function inlineRoot(p: GuideProps) {
  const host = document.createElement('sabu-banner');
  const shadow = host.attachShadow({ mode: 'open' });
  adoptStyles(shadow, 'base', BASE_CSS);
  adoptStyles(shadow, 'inline', INLINE_HOST_CSS);
  adoptStyles(shadow, 'tour', TOUR_CSS);
  adoptStyles(shadow, 'guides', GUIDE_CSS);
  const el = document.createElement('div');
  shadow.append(el);
  if (p.def.position == 'bottom') document.body.append(host);
  else document.body.prepend(host);
  const locale = resolveLocale(p.locale);
  el.lang = locale;
  host.dir = isRtl(locale) ? 'rtl' : 'ltr';
  applyTheme(host, p.theme);
  return { el, locale, destroy: () => host.remove() };
}

/**
 * A banner: a strip at the top or bottom, fixed over the page or (inline) in its flow,
 * with the text, an optional call to action and a close button. A labelled region: it
 * never takes focus.
 */
export function mountBanner(props: GuideProps) {
  let p = props;
  const root = p.def.inline ? inlineRoot(p) : guideWidget(p);
  const draw = () => {
    const t = createT(root.locale, p.strings, TOUR_STRINGS);
    const d = p.def;
    const title = d.title && pickText(d.title, root.locale);
    render(
      h('div', { class: `banner ${d.position ?? 'top'}${d.inline ? ' inline' : ''}`, role: 'region', 'aria-label': title || t('guide.region') }, [
        h('p', null, [title ? h('strong', null, title + ' ') : null, richText(pickText(d.text, root.locale))]),
        GuideAction(d, root.locale, p.on.action),
        h('button', { type: 'button', class: 'x ghost', 'aria-label': t('guide.close'), onClick: p.on.dismiss }, '×'),
      ]),
      root.el,
    );
  };
  draw();
  p.on.shown();
  return {
    update(next: GuideProps) {
      p = next;
      draw();
    },
    destroy() {
      render(null, root.el);
      root.destroy();
    },
  };
}
