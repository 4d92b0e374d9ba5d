import { messages, warnOnce } from '../../core/messages.js';
import type { GuidesUI, WidgetHandle } from '../shared/uiContract.js';

/** One widget on screen (a tour step, a hotspot, a banner), mounted once the UI chunk has loaded. */
export interface Slot<P> {
  show(props: P): void;
  hide(): void;
}

/**
 * Keeps one widget in step with the wanted props: loads the guides UI the first time
 * something is to be shown, mounts it with the props wanted by then (they may have moved
 * on while it loaded), updates it after, and removes it on `hide()`.
 */
export function createSlot<P>(load: () => Promise<GuidesUI | null>, mount: (ui: GuidesUI, props: P) => WidgetHandle<P>): Slot<P> {
  let handle: WidgetHandle<P> | undefined;
  let want: P | null = null;
  let loading = false;
  const apply = () => {
    try {
      if (want == null) return handle?.destroy(), (handle = undefined);
      if (handle) return handle.update(want);
      if (loading) return;
      loading = true;
      void load().then((ui) => {
        loading = false;
        if (!ui || want == null || handle) return;
        try {
          handle = mount(ui, want);
        } catch (err) {
          warnOnce(messages.internal(err), 'error');
        }
      });
    } catch (err) {
      warnOnce(messages.internal(err), 'error');
    }
  };
  return {
    show: (p) => ((want = p), apply()),
    hide: () => ((want = null), apply()),
  };
}
