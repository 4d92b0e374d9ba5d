import { adoptStyles } from '../host/adoptStyles.js';
import { mountWidget, type WidgetRoot } from '../host/mountWidget.js';
import { TOUR_CSS } from '../tour/tourCss.js';
import type { GuideProps } from '../tour/types.js';
import { GUIDE_CSS } from './guideCss.js';

/** A guide's box in the shared shadow root (one per guide: several hotspots may be on screen), with the tips' and guides' styles. */
export function guideWidget(p: GuideProps): WidgetRoot {
  const root = mountWidget('g:' + p.def.id, '', p);
  adoptStyles(root.shadow, 'tour', TOUR_CSS);
  adoptStyles(root.shadow, 'guides', GUIDE_CSS);
  return root;
}
