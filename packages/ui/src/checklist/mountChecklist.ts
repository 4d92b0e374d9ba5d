import { h, render } from 'preact';
import { createAnnouncer } from '../host/announce.js';
import { mountWidget } from '../host/mountWidget.js';
import { createT } from '../i18n/createT.js';
import { CHECKLIST_CSS } from './checklistCss.js';
import { ChecklistWidget } from './ChecklistWidget.js';
import type { ChecklistProps } from './types.js';

/**
 * Mounts the checklist in the shared Shadow DOM host; `update()` re-renders it with the
 * SDK's new state, `destroy()` removes it.
 */
export function mountChecklist(props: ChecklistProps) {
  const root = mountWidget('checklist', CHECKLIST_CSS, props);
  const announce = createAnnouncer(root.el);
  const draw = (p: ChecklistProps) => {
    root.apply(p);
    render(h(ChecklistWidget, { ...p, t: createT(root.locale, p.strings), locale: root.locale, shadow: root.shadow, announce }), root.el);
  };
  draw(props);
  return {
    update: draw,
    destroy() {
      render(null, root.el);
      root.el.nextElementSibling?.remove(); // the live region
      root.destroy();
    },
  };
}
