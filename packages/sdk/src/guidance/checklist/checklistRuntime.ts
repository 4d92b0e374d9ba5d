/**
 * The checklist runtime: the chunk (`sabu-checklist.js` beside sabu.min.js) loaded only
 * when a checklist is configured. Validation, rules, progress, events and the choice
 * among several checklists live here, so pages without a checklist never download them.
 */
export { createChecklists } from './createChecklists.js';
