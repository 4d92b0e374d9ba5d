import { Component, createRef, h, type ComponentChildren } from 'preact';
import type { ChecklistItem } from '@sabu/schema';
import { pickText, type T } from '../i18n/createT.js';
import { richText } from '../text/RichText.js';
import { Hint } from './Hint.js';
import { findTarget } from './findTarget.js';
import type { ChecklistProps } from './types.js';

interface Props extends ChecklistProps {
  t: T;
  locale: string;
  shadow: ShadowRoot;
  announce(text: string): void;
}
interface State {
  /** The item whose target is highlighted. */
  hint?: { text: string; target: Element };
  /** The item whose target is not on this page. */
  missing?: string;
}

const CONFETTI = ['#f59e0b', '#10b981', '#3b82f6', '#ef4444', '#8b5cf6', '#ec4899', '#14b8a6', '#eab308'];

/**
 * The checklist: a launcher with progress, a panel listing the items, a highlight with a
 * hint for items that point at an element, and a celebration when all is done. It only
 * renders and reports; the SDK decides what is done and what to show.
 */
export class ChecklistWidget extends Component<Props, State> {
  private launcher = createRef<HTMLButtonElement>();
  private heading = createRef<HTMLHeadingElement>();
  private off: (() => void) | undefined;

  componentDidMount() {
    if (this.props.view != 'hidden') this.props.on.shown();
    this.pointAt(this.props.focus);
    if (this.props.view == 'panel' && this.props.requested) this.heading.current?.focus();
  }

  /** Whether focus is in the widget before this render (it is lost once the panel unmounts). */
  getSnapshotBeforeUpdate() {
    return !!this.props.shadow.activeElement;
  }

  componentDidUpdate(prev: Props, _: State, hadFocus: boolean) {
    const p = this.props;
    if (p.focus != prev.focus) this.pointAt(p.focus);
    if (prev.view == 'hidden' && p.view != 'hidden') p.on.shown();
    if (p.complete && !prev.complete) p.announce(p.t('checklist.complete', { title: this.text(p.def.title) }));
    else
      for (const id of p.done)
        if (!prev.done.includes(id)) {
          const item = p.def.items.find((i) => i.id == id)!;
          p.announce(p.t('checklist.itemDone', { item: this.text(item.title), ...this.count() }));
        }
    if (p.view == 'panel' && prev.view != 'panel' && p.requested) this.heading.current?.focus();
    // Minimised from inside the panel (button or Escape): focus returns to the launcher.
    if (p.view == 'launcher' && prev.view == 'panel' && hadFocus) this.launcher.current?.focus();
  }

  componentWillUnmount() {
    this.off?.();
  }

  private text = (v: unknown) => pickText(v, this.props.locale);

  private count() {
    const req = this.props.def.items.filter((i) => !i.optional);
    return { done: req.filter((i) => this.props.done.includes(i.id)).length, total: req.length };
  }

  /** Opened at an item (a playbook): point at its element, if it has one. */
  private pointAt(id: string | undefined) {
    const item = id ? this.props.def.items.find((i) => i.id == id) : undefined;
    if (item?.action?.selector) this.highlight(item);
  }

  /** Scrolls to the item's target, highlights it with the hint, and moves focus there. */
  private highlight(item: ChecklistItem) {
    const a = item.action!;
    const target = findTarget(a.selector!);
    if (!target) return this.setState({ missing: item.id });
    const reduce = matchMedia('(prefers-reduced-motion: reduce)').matches;
    target.scrollIntoView?.({ block: 'center', behavior: reduce ? 'auto' : 'smooth' });
    const text = a.hint ? this.text(a.hint) : this.text(item.title);
    this.props.on.minimise();
    this.setState({ hint: { text, target }, missing: undefined });
    (target as HTMLElement).focus?.({ preventScroll: true });
    this.props.announce(text);
    this.off?.();
    let frame = 0;
    const follow = () => (frame ||= requestAnimationFrame(() => ((frame = 0), this.forceUpdate())));
    const close = () => {
      this.off?.();
      this.setState({ hint: undefined });
    };
    const onKey = (e: KeyboardEvent) => e.key == 'Escape' && close();
    // The next click anywhere (often on the target itself) or Escape ends the hint.
    const t = setTimeout(() => addEventListener('click', close, true));
    addEventListener('scroll', follow, true);
    addEventListener('resize', follow);
    addEventListener('keydown', onKey, true);
    this.off = () => {
      clearTimeout(t);
      cancelAnimationFrame(frame);
      removeEventListener('click', close, true);
      removeEventListener('scroll', follow, true);
      removeEventListener('resize', follow);
      removeEventListener('keydown', onKey, true);
      this.off = undefined;
    };
  }

  private item(item: ChecklistItem, idx: number): ComponentChildren {
    const { t, done, on, def } = this.props;
    const isDone = done.includes(item.id);
    const waiting = (item.dependsOn ?? []).filter((d) => !done.includes(d));
    const a = item.action;
    const label = a?.label ? this.text(a.label) : t('checklist.start');
    const click = () => {
      on.itemClick(item.id);
      if (a?.selector) this.highlight(item);
    };
    const titleId = `sabu-i${idx}`;
    let action: ComponentChildren = null;
    if (a && !isDone && !waiting.length)
      action = a.url
        ? h('a', { class: 'btn act', href: a.url, target: a.newTab ? '_blank' : undefined, rel: a.newTab ? 'noopener' : undefined, onClick: click, 'aria-describedby': titleId }, label)
        : h('button', { type: 'button', class: 'btn act', onClick: click, 'aria-describedby': titleId }, label);
    const names = waiting.map((d) => this.text(def.items.find((i) => i.id == d)?.title)).join(', ');
    return h('li', { key: item.id, class: isDone ? 'done' : waiting.length ? 'locked' : '' }, [
      h('span', { class: 'chk', 'aria-hidden': 'true' }, isDone ? '✓' : ''),
      h('div', { class: 'body' }, [
        h('div', { class: 't', id: titleId }, [
          h('span', { class: 'sr' }, (isDone ? t('checklist.done') : t('checklist.todo')) + ': '),
          richText(this.text(item.title)),
          item.optional ? h('span', { class: 'note' }, ` (${t('checklist.optional')})`) : null,
        ]),
        item.description ? h('p', { class: 'd' }, richText(this.text(item.description))) : null,
        waiting.length && !isDone ? h('p', { class: 'note' }, t('checklist.locked', { items: names })) : null,
        this.state.missing == item.id ? h('p', { class: 'note', role: 'status' }, t('checklist.notFound')) : null,
        action,
      ]),
    ]);
  }

  render() {
    const { def, view, t, on, complete } = this.props;
    const { hint } = this.state;
    if (view == 'hidden') return null;
    const title = this.text(def.title);
    const c = this.count();
    const hintEl = hint && hint.target.isConnected ? h(Hint, { target: hint.target, text: hint.text, closeLabel: t('checklist.hintClose'), onClose: () => (this.off?.(), this.setState({ hint: undefined })) }) : null;
    if (view == 'launcher') {
      // Named by its content, so the name contains the visible title (WCAG 2.5.3 Label in
      // Name: a speech user says what they see): "Open checklist: " and ", 1 of 5 done" are
      // screen-reader text around the visible title; the ring's "1/5" repeats them visually.
      const [before, after = ''] = t('checklist.open', { ...c, title: '\u0000' }).split('\u0000');
      return h('div', null, [
        hintEl,
        h('button', { type: 'button', class: 'launch', ref: this.launcher, 'aria-expanded': 'false', onClick: on.open }, [
          h('span', { class: 'ring', style: { '--d': c.total ? c.done / c.total : 1 }, 'aria-hidden': 'true' }, h('span', null, t('checklist.progress', c))),
          h('span', { class: 'sr' }, before),
          h('span', { class: 'lt' }, title),
          h('span', { class: 'sr' }, after),
        ]),
      ]);
    }
    // The hint sits outside the panel: the panel's entry animation would otherwise anchor its fixed position.
    return h('div', null, [
      hintEl,
      h(
      'div',
      {
        class: 'panel',
        role: 'dialog',
        'aria-modal': 'false',
        'aria-labelledby': 'sabu-cl-title',
        onKeyDown: (e: KeyboardEvent) => e.key == 'Escape' && (e.stopPropagation(), on.minimise()),
      },
      [
        h('div', { class: 'head' }, [
          h('h2', { id: 'sabu-cl-title', tabIndex: -1, ref: this.heading }, richText(title)),
          h('button', { type: 'button', class: 'ghost', 'aria-label': t('checklist.minimise'), title: t('checklist.minimise'), onClick: on.minimise }, '–'),
          h('button', { type: 'button', class: 'ghost', 'aria-label': t('checklist.close'), title: t('checklist.close'), onClick: () => on.dismiss(false) }, '×'),
        ]),
        def.description ? h('p', { class: 'desc' }, richText(this.text(def.description))) : null,
        complete
          ? h('div', { class: 'cele' }, [
              ...CONFETTI.map((bg, i) => h('b', { 'aria-hidden': 'true', style: { background: bg, '--x': `${Math.cos(i * 0.785) * 140}px`, '--y': `${Math.sin(i * 0.785) * 60}px` } })),
              t('checklist.completeTitle'),
            ])
          : null,
        h('p', { class: 'count', id: 'sabu-cl-count' }, t('checklist.progressLong', c)),
        h('div', { class: 'bar', role: 'progressbar', 'aria-labelledby': 'sabu-cl-count', 'aria-valuemin': 0, 'aria-valuemax': c.total, 'aria-valuenow': c.done }, h('i', { style: { width: `${c.total ? (100 * c.done) / c.total : 100}%` } })),
        h('ol', null, def.items.map((item, i) => this.item(item, i))),
        h('div', { class: 'foot' }, h('button', { type: 'button', class: 'ghost', onClick: () => on.dismiss(true) }, t('checklist.dontShow'))),
      ],
      ),
    ]);
  }
}
