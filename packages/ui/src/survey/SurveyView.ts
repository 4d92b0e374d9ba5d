import { h } from 'preact';
import type { T } from '../i18n/createT.js';
import { pickText } from '../i18n/createT.js';
import { richText } from '../text/RichText.js';
import type { SurveyProps } from './types.js';

const SCALES = { nps: [0, 10], csat: [1, 5], ces: [1, 7] } as const;
/** Keys that move through a radio group (and select as they go): the score is not final yet. */
const NAV_KEYS = /^(Arrow|Home$|End$|PageUp$|PageDown$)/;

/** What the view needs besides the props: the locale, translations and its own callbacks. */
export interface SurveyViewState {
  locale: string;
  t: T;
  /** A score selected with the arrow keys, not yet confirmed. */
  picked: number | null;
  /** Set by keydown so that the following change is known to come from navigation. */
  nav: boolean;
  onPick(score: number): void;
}

/**
 * The prompt: a non-modal region (it never takes focus by itself) with the question as
 * the legend of a native radio group, labelled ends, then the follow-up or thanks.
 */
export function SurveyView(p: SurveyProps, s: SurveyViewState) {
  const { def, on } = p;
  const { t, locale } = s;
  const text = (x: unknown) => richText(pickText(x, locale));
  const [min, max] = SCALES[def.kind];
  const low = pickText(def.labels?.low, locale) || t(`survey.low.${def.kind}`);
  const high = pickText(def.labels?.high, locale) || t(`survey.high.${def.kind}`);
  const id = 'sabu-sv-' + def.id;

  const close = h('button', { type: 'button', class: 'x ghost', 'aria-label': t('survey.close'), onClick: on.dismiss }, '×');
  let body;
  if (p.score == null) {
    const options = [];
    for (let n: number = min; n <= max; n++) {
      const name = n == min ? t('survey.end', { score: n, label: low }) : n == max ? t('survey.end', { score: n, label: high }) : String(n);
      options.push(
        h('label', { class: 'opt' }, [
          h('input', {
            type: 'radio',
            name: id,
            value: n,
            checked: s.picked == n,
            'aria-label': name,
            onChange: () => (s.nav ? s.onPick(n) : on.answer(n), (s.nav = false)),
            // Space on the selected radio (no change event) or Enter confirm the selection.
            onKeyUp: (e: KeyboardEvent) => e.key == ' ' && s.picked == n && on.answer(n),
          }),
          h('span', { 'aria-hidden': 'true' }, String(n)),
        ]),
      );
    }
    body = h('form', { onSubmit: (e: Event) => (e.preventDefault(), s.picked != null && on.answer(s.picked)) }, [
      h('fieldset', { 'aria-describedby': id + '-hint' }, [
        h('legend', { id: id + '-q' }, text(def.question)),
        h('div', {
          class: 'scale',
          onKeyDown: (e: KeyboardEvent) => {
            s.nav = NAV_KEYS.test(e.key);
            if (e.key == 'Enter') e.preventDefault(), s.picked != null && on.answer(s.picked);
          },
        }, options),
        h('div', { class: 'ends', 'aria-hidden': 'true' }, [h('span', null, low), h('span', null, high)]),
        h('span', { id: id + '-hint', class: 'sr' }, t('survey.hint')),
      ]),
    ]);
  } else if (!p.done && p.followUp) {
    body = h('form', {
      onSubmit: (e: Event) => {
        e.preventDefault();
        on.comment(((e.currentTarget as HTMLFormElement).elements.namedItem('comment') as HTMLTextAreaElement).value);
      },
    }, [
      h('label', { class: 'q', for: id + '-c' }, text(p.followUp)),
      h('textarea', { id: id + '-c', name: 'comment', maxLength: 1000, placeholder: pickText(def.followUp?.placeholder, locale) || t('survey.placeholder') }),
      h('div', { class: 'row' }, h('button', { type: 'submit', class: 'btn' }, t('survey.send'))),
    ]);
  } else {
    body = h('p', { class: 'done', tabIndex: -1 }, t('survey.thanks'));
  }
  return h('section', {
    class: 'sv',
    role: 'dialog',
    'aria-modal': 'false',
    'aria-label': t('survey.region'),
    onKeyDown: (e: KeyboardEvent) => e.key == 'Escape' && (e.stopPropagation(), on.dismiss()),
  }, [body, close]);
}
