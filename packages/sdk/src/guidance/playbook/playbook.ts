import { _use, status } from '../../api.js';
import { messages, warnOnce } from '../../core/messages.js';
import type { PluginApi, SabuPlugin } from '../../types.js';
import { openChecklist } from '../checklist/checklist.js';
import { lazyController } from '../shared/lazyController.js';
import { services } from '../shared/services.js';
import { askSurvey } from '../survey/survey.js';
import { startTour } from '../tour/tour.js';
import type { PlaybookActions } from './playbookController.js';

/** The runtime chunk's module (see playbookRuntime.ts). */
export type PlaybookRuntime = typeof import('./playbookRuntime.js');

let current: { add(def: unknown): void } | null = null;
let pending: unknown[] = [];
let registered = false;

/** What playbooks may start: the page's other guidance, through their own starters. */
const actions: PlaybookActions = { checklist: openChecklist, survey: askSurvey, tour: startTour };

/** The always-loaded part of playbooks (the runtime loads on the first definition). */
function start(api: PluginApi, runtime: () => Promise<PlaybookRuntime>) {
  const lazy = lazyController(runtime, (mod) => mod.createPlaybookController(api, services, actions), 'playbook', 'sabu-playbooks.js');
  return { add: (def: unknown) => lazy.use((c) => c.add(def)), stop: lazy.stop };
}

/**
 * Builds playbooks into every `init()` of this bundle (`config.playbooks`, the script
 * tag's `data-playbooks`, and {@link playbook}), with `runtime` loading the playbook
 * runtime on demand. The script tag does this for you (sabu-playbooks.js).
 */
export function registerPlaybooks(runtime: () => Promise<PlaybookRuntime>): void {
  if (registered) return;
  registered = true;
  _use((config): SabuPlugin => ({
    name: 'playbooks',
    setup(api) {
      const s = start(api, runtime);
      current = s;
      const fromConfig = (config as unknown as Record<string, unknown>).playbooks;
      if (fromConfig != null) [fromConfig].flat().forEach(s.add);
      pending.forEach(s.add);
      pending = [];
      return () => {
        s.stop();
        if (current == s) current = null;
      };
    },
  }));
}

/**
 * Registers client playbooks: when a signal crosses a line in the browser (three rage
 * clicks on Pay within a minute, no first value a week after signup...), act (a hint, a
 * tour, the checklist, a survey, an event). A definition, an array of them, or the URL of
 * their JSON (schema: playbook.schema.json; docs/playbooks.md). Call before or after `init()`.
 * @example playbook('/playbooks.json')
 */
export function playbook(definition: object | object[] | string, runtime?: () => Promise<PlaybookRuntime>): void {
  try {
    if (!registered) {
      if (status() || !runtime) return warnOnce(messages.late('playbook'));
      registerPlaybooks(runtime);
    }
    if (current) current.add(definition);
    else pending.push(definition);
  } catch (err) {
    warnOnce(messages.internal(err), 'error');
  }
}
