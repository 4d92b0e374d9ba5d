import { render } from 'preact';
import { createAnnouncer } from '../host/announce.js';
import { mountWidget } from '../host/mountWidget.js';
import { createT, pickText } from '../i18n/createT.js';
import { SURVEY_CSS } from './surveyCss.js';
import { SurveyView, type SurveyViewState } from './SurveyView.js';
import type { SurveyProps } from './types.js';

/** The thanks stay this long, then the prompt closes by itself. */
export const THANKS_MS = 4000;

/**
 * Mounts a survey prompt in the shared Shadow DOM host. It never moves focus by itself
 * (the user may be typing elsewhere); a screen reader hears the question through the live
 * region, and the prompt is the last stop of the page's Tab order. Once the user works in
 * it, focus follows its steps.
 */
export function mountSurvey(props: SurveyProps) {
  const root = mountWidget('survey', SURVEY_CSS, props);
  const announce = createAnnouncer(root.el);
  let p = props;
  let step = '';
  let thanks: ReturnType<typeof setTimeout> | undefined;
  const state: SurveyViewState = {
    locale: root.locale,
    t: createT(root.locale, props.strings),
    picked: null,
    nav: false,
    onPick(n) {
      state.picked = n;
      p.on.pick(n);
      draw();
    },
  };

  function draw() {
    // Read before rendering: the focused radio may be replaced by the next step.
    const hadFocus = root.shadow.activeElement != null && root.el.contains(root.shadow.activeElement);
    render(SurveyView(p, state), root.el);
    const next = p.score == null ? 'ask' : p.done || !p.followUp ? 'done' : 'follow';
    if (next == step) return;
    step = next;
    if (next == 'ask') announce(state.t('survey.announce', { question: pickText(p.def.question, root.locale) }));
    if (next == 'done') {
      announce(state.t('survey.thanks'));
      thanks = setTimeout(() => p.on.dismiss(), THANKS_MS);
    }
    // Only a user already in the prompt is moved along; otherwise focus stays where it is.
    if (hadFocus) root.el.querySelector<HTMLElement>(next == 'follow' ? 'textarea' : '.done')?.focus();
  }

  draw();
  p.on.shown();
  return {
    update(next: SurveyProps) {
      p = next;
      root.apply(next);
      state.locale = root.locale;
      state.t = createT(root.locale, next.strings);
      draw();
    },
    destroy() {
      clearTimeout(thanks);
      render(null, root.el);
      root.el.nextElementSibling?.getAttribute('role') == 'status' && root.el.nextElementSibling.remove();
      root.destroy();
    },
  };
}
