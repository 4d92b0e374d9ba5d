import { h } from 'preact';

/** Where to draw the highlight and the hint bubble for a target element (viewport coordinates). */
export function place(target: Element) {
  const r = target.getBoundingClientRect();
  const vw = innerWidth;
  const below = r.bottom + 96 < innerHeight;
  return {
    ring: { top: r.top - 4 + 'px', left: r.left - 4 + 'px', width: r.width + 8 + 'px', height: r.height + 8 + 'px' },
    hint: {
      left: Math.max(8, Math.min(r.left, vw - 8 - Math.min(288, vw - 16))) + 'px',
      ...(below ? { top: r.bottom + 10 + 'px' } : { bottom: innerHeight - r.top + 10 + 'px' }),
    },
  };
}

/**
 * The highlight around an item's target element in the page and a short hint beside it.
 * Styles are set through CSSOM (`style` objects), which a strict CSP allows.
 */
export function Hint(props: { target: Element; text: string; closeLabel: string; onClose: () => void }) {
  const p = place(props.target);
  return h('div', null, [
    h('div', { class: 'ring-hl', style: p.ring, 'aria-hidden': 'true' }),
    h('div', { class: 'hint', style: p.hint, role: 'note' }, [
      h('span', null, props.text),
      h('button', { type: 'button', 'aria-label': props.closeLabel, onClick: props.onClose }, '×'),
    ]),
  ]);
}
