import { _use, status } from '../../api.js';
import { messages, warnOnce } from '../../core/messages.js';
import type { SabuPlugin } from '../../types.js';
import { lazyController } from '../shared/lazyController.js';
import { services } from '../shared/services.js';

/** The runtime chunk's module (see tourRuntime.ts). */
export type TourRuntime = typeof import('./tourRuntime.js');

let add: ((x: unknown) => void) | null = null;
let start: ((id: string, step?: number) => void) | null = null;
let pending: unknown[] = [];
let registered = false;

/**
 * Builds tours and guides into every `init()` of this bundle (`config.tours`,
 * `config.guides`, the script tag's `data-tours`, and {@link tour}). The always-loaded part
 * is only this: on the first definition or request it loads the runtime (`runtime()`),
 * which reads the messages accepted since init from the core, so triggers that happened
 * while it loaded still count. The script tag does this for you (sabu-tours.js).
 */
export function registerTours(runtime: () => Promise<TourRuntime>): void {
  if (registered) return;
  registered = true;
  _use((config): SabuPlugin => ({
    name: 'tours',
    setup(api) {
      const lazy = lazyController(runtime, (mod) => mod.createTourController(api, services), 'tour', 'sabu-tours.js');
      const mine = (x: unknown) => lazy.use((c) => c.add(x));
      add = mine;
      start = (id, step) => lazy.use((c) => c.request(id, step));
      const c = config as unknown as Record<string, unknown>;
      for (const v of [c.tours, c.guides, ...pending]) if (v != null) mine(v);
      pending = [];
      return () => {
        lazy.stop();
        if (add == mine) add = start = null;
      };
    },
  }));
}

/**
 * Starts a product tour (or shows a guide) by id, as the user asked for it: it never
 * spends the prompt budget and ignores the definition's own triggers. Also takes
 * definitions (an object or an array of them, schema: tour.schema.json or
 * guide.schema.json) or the URL of their JSON (a string with a `/`). Call it before or
 * after `init()`; see docs/tours.md.
 * @example tour('welcome')
 */
export function tour(idOrDefinition: string | object | object[], runtime?: () => Promise<TourRuntime>): void {
  try {
    if (!registered) {
      if (status() || !runtime) return warnOnce(messages.tourLate());
      registerTours(runtime);
    }
    if (add) add(idOrDefinition);
    else pending.push(idOrDefinition);
  } catch (err) {
    warnOnce(messages.internal(err), 'error');
  }
}

/** A playbook's `do.tour` (+ `do.step`): starts tour `id` as requested at `step`; false in a page without tours. */
export const startTour = (id: string, step?: number): boolean => !!start && (start(id, step), true);
