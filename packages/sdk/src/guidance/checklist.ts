import { _use, status } from '../api.js';
import { messages, warnOnce } from '../core/messages.js';
import type { SabuPlugin } from '../types.js';
import { createChecklistController, type ChecklistController } from './createChecklistController.js';

let current: ChecklistController | null = null;
let pending: unknown;
let registered = false;

/**
 * Builds checklists into every `init()` of this bundle: `config.checklist` (or the
 * script tag's `data-checklist`) and {@link checklist}. The script tag does this for you.
 */
export function registerChecklists(): void {
  if (registered) return;
  registered = true;
  _use((config): SabuPlugin => ({
    name: 'checklist',
    setup(api) {
      const c = (current = createChecklistController(api));
      const def = pending ?? (config as unknown as Record<string, unknown>).checklist;
      if (def != null) c.load(def);
      return () => {
        c.destroy();
        if (current == c) current = null;
      };
    },
  }));
}

/**
 * Shows an onboarding checklist: its definition as an object, or the URL of its JSON
 * (schema: checklist.schema.json). With no argument, opens the current checklist's panel
 * (for a "Getting started" link in your help menu). Call before or after `init()`.
 * @example checklist('/onboarding.json')
 */
export function checklist(definition?: object | string): void {
  try {
    if (definition === undefined) return current?.open();
    if (!registered) {
      if (status()) return warnOnce(messages.checklistLate());
      registerChecklists();
    }
    if (current) current.load(definition);
    else pending = definition;
  } catch (err) {
    warnOnce(messages.internal(err), 'error');
  }
}
