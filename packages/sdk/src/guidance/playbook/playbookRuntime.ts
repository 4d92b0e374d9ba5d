/**
 * The playbook runtime: the chunk (`sabu-playbooks.js` beside sabu.min.js) loaded only
 * when playbooks are configured. Validation, thresholds, cool-downs and actions live here,
 * so pages without playbooks never download them.
 */
export { createPlaybookController } from './playbookController.js';
