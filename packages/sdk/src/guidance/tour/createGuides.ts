import type { Guide } from '@sabu/schema';
import type { GuideViewProps, GuidesUI, UIOptions } from '../shared/uiContract.js';
import { createSlot, type Slot } from './createSlot.js';
import { ANCHOR_TIMEOUT_S } from './tourRules.js';
import type { Outcome } from './tourState.js';
import { waitForAnchor } from './waitForAnchor.js';

export interface GuidesDeps {
  options: UIOptions;
  load(): Promise<GuidesUI | null>;
  track(event: string, props: Record<string, unknown>): void;
  /** Saves how the guide ended for this user (or that it was seen). */
  record(id: string, how: Outcome): void;
  /** Starts a tour as requested (a call to action). */
  request(id: string): void;
  setBusy(on: boolean): void;
}

/**
 * The hotspots, banners and announcements on screen, each in its own widget. Sends the
 * Guide events ({guide, kind}) and records how each ended, so it is not shown by itself
 * again: a hotspot once opened or dismissed, a banner or announcement once closed or
 * acted on.
 */
export function createGuides(d: GuidesDeps) {
  const shown = new Map<string, { slot: Slot<GuideViewProps>; off?: () => void }>();

  function show(def: Guide, firstTime: boolean) {
    if (shown.has(def.id)) return;
    const entry: { slot: Slot<GuideViewProps>; off?: () => void } = { slot: createSlot(d.load, (ui, p) => ui.mountGuide(p)) };
    shown.set(def.id, entry);
    if (firstTime) d.record(def.id, 'seen');
    const modal = def.kind == 'announcement';
    if (modal) d.setBusy(true);
    const ev = (event: string, extra: Record<string, unknown> = {}) => d.track(event, { guide: def.id, kind: def.kind, ...extra });
    let viewed = false;
    let opened = false;
    const close = (how?: Outcome) => {
      entry.off?.();
      entry.slot.hide();
      shown.delete(def.id);
      if (how) d.record(def.id, how);
      if (modal) d.setBusy(false);
    };
    const on: GuideViewProps['on'] = {
      shown() {
        if (viewed) return;
        viewed = true;
        if (firstTime) ev('Guide Viewed');
      },
      open() {
        if (opened) return;
        opened = true;
        ev('Guide Clicked', { action: 'open' });
        d.record(def.id, 'clicked');
      },
      action() {
        const a = def.action;
        if (!a) return;
        ev('Guide Clicked', a.tour ? { action: 'tour', target: a.tour } : { action: 'url', target: a.url });
        close('clicked');
        if (a.tour) d.request(a.tour);
      },
      dismiss() {
        // A hotspot's tip closed after it was opened: it was used, not dismissed.
        if (opened) return close();
        ev('Guide Dismissed');
        close('dismissed');
      },
      anchorLost: () => place(),
    };
    const render = (anchor: Element | null) => entry.slot.show({ ...d.options, def, anchor, on });
    function place() {
      entry.off?.();
      if (!def.anchor) return render(null);
      let found = false;
      // The marked element is not on this page (in time): nothing is shown; a later page view tries again.
      entry.off = waitForAnchor(def.anchor, ANCHOR_TIMEOUT_S * 1000, (el) => ((found = true), render(el)), () => close());
      if (!found) entry.slot.hide();
    }
    place();
  }

  return {
    show,
    has: (id: string) => shown.has(id),
    destroy() {
      for (const [, e] of shown) e.off?.(), e.slot.hide();
      shown.clear();
    },
  };
}
