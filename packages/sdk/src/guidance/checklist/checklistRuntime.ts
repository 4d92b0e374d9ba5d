/**
 * The checklist runtime: the chunk (`sabu-checklist.js` beside sabu.min.js) loaded only
 * when a checklist is configured. Validation, rules, progress and events live here, so
 * pages without a checklist never download them.
 */
export { createChecklistController } from './createChecklistController.js';
