/**
 * The tour runtime: the chunk (`sabu-tours.js` beside sabu.min.js) loaded only when tours
 * or guides are configured or asked for. Validation, triggers, state, anchors and events
 * live here; the UI (positioning included) is a further chunk loaded only when a step,
 * hotspot or banner is to be shown.
 */
export { createTourController } from './createTourController.js';
