/**
 * The tours and guides chunk (`sabu-guides.js` beside sabu-ui.js): tour steps, hotspots,
 * banners and announcements with their positioning (@floating-ui/dom). sabu-ui.js loads it
 * with `loadGuides()` the first time one is to be shown; it shares Preact and the host
 * helpers with sabu-ui.js.
 */
import { mountAnnouncement } from './banner/mountAnnouncement.js';
import { mountBanner } from './banner/mountBanner.js';
import { mountHotspot } from './hotspot/mountHotspot.js';
import type { GuideProps } from './tour/types.js';

export { mountTourStep } from './tour/mountTourStep.js';

/** Mounts a hotspot, banner or announcement, by its kind. */
export function mountGuide(props: GuideProps) {
  const kind = props.def.kind;
  return (kind == 'hotspot' ? mountHotspot : kind == 'banner' ? mountBanner : mountAnnouncement)(props);
}
