import { adoptStyles } from './adoptStyles.js';
import { BASE_CSS } from './baseCss.js';
import { applyTheme } from './applyTheme.js';
import { isRtl, resolveLocale } from '../i18n/resolveLocale.js';
import type { UIOptions } from '../types.js';

/** The one host element of all Sabu widgets; its shadow root keeps page CSS out and ours in. */
export const HOST_TAG = 'sabu-ui';

let host: HTMLElement | null = null;

/** The shared host and shadow root, created on first use. */
export function getHost(): { host: HTMLElement; shadow: ShadowRoot } {
  if (!host || !host.isConnected) {
    host = document.createElement(HOST_TAG);
    host.attachShadow({ mode: 'open' });
    document.body.append(host);
  }
  adoptStyles(host.shadowRoot!, 'base', BASE_CSS);
  return { host, shadow: host.shadowRoot! };
}

/** A mounted widget's box inside the shared shadow root. */
export interface WidgetRoot {
  el: HTMLElement;
  shadow: ShadowRoot;
  locale: string;
  rtl: boolean;
  /** Re-applies locale direction and theme (options may change on update). */
  apply(options: UIOptions): void;
  destroy(): void;
}

/**
 * Mounts a widget box named `name` (one per name) with its CSS, applying the theme,
 * language and direction of `options`. Surveys mount next to the checklist this way.
 */
export function mountWidget(name: string, css: string, options: UIOptions): WidgetRoot {
  const { host: h, shadow } = getHost();
  adoptStyles(shadow, name, css);
  let el = shadow.querySelector<HTMLElement>(`[data-widget="${name}"]`);
  if (!el) {
    el = document.createElement('div');
    el.dataset.widget = name;
    shadow.append(el);
  }
  const root: WidgetRoot = {
    el,
    shadow,
    locale: 'en',
    rtl: false,
    apply(o) {
      root.locale = resolveLocale(o.locale);
      root.rtl = isRtl(root.locale);
      el!.lang = root.locale;
      h.dir = root.rtl ? 'rtl' : 'ltr';
      applyTheme(h, o.theme);
    },
    destroy() {
      el!.remove();
      if (!shadow.querySelector('[data-widget]')) h.remove();
    },
  };
  root.apply(options);
  return root;
}
