/**
 * The survey runtime: the chunk (`sabu-surveys.js` beside sabu.min.js) loaded only when
 * surveys are configured. Validation, triggers, throttling, state and events live here,
 * so pages without surveys never download them.
 */
export { createSurveyController } from './surveyController.js';
