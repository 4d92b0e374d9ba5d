import { _use, status } from '../../api.js';
import { guard } from '../../core/guard.js';
import { messages, warnOnce } from '../../core/messages.js';
import type { SabuMessage } from '@sabu/schema';
import type { PluginApi, SabuPlugin } from '../../types.js';
import type { Checklists } from './createChecklists.js';
import { clickTarget } from '../shared/clickTarget.js';
import { services } from '../shared/services.js';

/** The runtime chunk's module (see checklistRuntime.ts). */
export type ChecklistRuntime = typeof import('./checklistRuntime.js');

/** Messages and clicks kept while the runtime loads, so they still count. */
const MAX_BUFFER = 500;

interface Starter {
  load(def: unknown): void;
  /**
   * Opens the panel; at `item`, pointing at that item's element. `auto` (a playbook, not
   * the user) respects "don't show again" and a completed checklist: false then.
   */
  open(item?: string, auto?: boolean): boolean;
}

let current: Starter | null = null;
let pending: unknown[] = [];
let registered = false;

/**
 * The always-loaded part of checklists: when a definition is given (`config.checklist`,
 * `config.checklists`, `data-checklist(s)`, {@link checklist}), it keeps every accepted
 * message and click while it loads the runtime (`runtime()`), then hands them over, so
 * events sent before anything loaded still tick items off.
 */
function start(api: PluginApi, runtime: () => Promise<ChecklistRuntime>): Starter & { stop(): void } {
  let controller: Checklists | undefined;
  let seen: Array<SabuMessage | Element> | undefined;
  const defs: unknown[] = [];
  let wantsOpen: [item?: string, auto?: boolean] | undefined;
  let off: (() => void) | undefined;
  const keep = (x: SabuMessage | Element) => seen!.length < MAX_BUFFER && seen!.push(x);
  const onClick = (e: Event) => {
    const target = clickTarget(e);
    if (target) keep(target);
  };
  function boot() {
    if (seen) return;
    seen = [];
    const offMessage = api.onMessage(keep);
    document.addEventListener('click', onClick, true);
    off = () => (offMessage(), document.removeEventListener('click', onClick, true));
    // Guarded: a throw here (a definition, a host global that fails) would be an unhandled rejection in the host page.
    runtime().then(
      guard((mod: Awaited<ReturnType<typeof runtime>>) => {
        off!();
        controller = mod.createChecklists(api, services);
        // What happened first, then the definitions: progress starts at the first message seen.
        controller.replay(seen!);
        defs.forEach(controller.load);
        seen = [];
        if (wantsOpen) controller.open(undefined, ...wantsOpen);
      }),
      (err) => (off!(), warnOnce(messages.definitionLoad('checklist', 'sabu-checklist.js', err), 'error')),
    );
  }
  return {
    load(d) {
      if (controller) controller.load(d);
      else defs.push(d), boot();
    },
    open(item, auto) {
      if (controller) return controller.open(undefined, item, auto);
      wantsOpen = [item, auto];
      return true;
    },
    stop() {
      off?.();
      controller?.destroy();
    },
  };
}

/**
 * Builds checklists into every `init()` of this bundle, with `runtime` loading the
 * checklist runtime on demand. The script tag does this for you (sabu-checklist.js).
 */
export function registerChecklists(runtime: () => Promise<ChecklistRuntime>): void {
  if (registered) return;
  registered = true;
  _use((config): SabuPlugin => ({
    name: 'checklist',
    setup(api) {
      const s = start(api, runtime);
      current = s;
      const c = config as unknown as Record<string, unknown>;
      // Config first, then checklist() calls: the first whose audience matches is shown.
      for (const d of [c.checklist, ...[c.checklists ?? []].flat(), ...pending]) if (d != null) s.load(d);
      pending = [];
      return () => {
        s.stop();
        if (current == s) current = null;
      };
    },
  }));
}

/**
 * Registers an onboarding checklist: its definition as an object, a list of them, or the
 * URL of their JSON (schema: checklist.schema.json). Of several, the first whose audience
 * matches is shown; a definition with the id of one already registered replaces it. With
 * the id of a registered checklist, opens that one; with no argument, opens the one shown
 * (for a "Getting started" link in your help menu). Call before or after `init()`.
 * @example checklist('/onboarding.json'); checklist('admin-setup')
 */
export function checklist(definition?: object | object[] | string, runtime?: () => Promise<ChecklistRuntime>): void {
  try {
    if (definition === undefined) return void current?.open();
    if (!registered) {
      if (status() || !runtime) return warnOnce(messages.checklistLate());
      registerChecklists(runtime);
    }
    if (current) current.load(definition);
    else pending.push(definition);
  } catch (err) {
    warnOnce(messages.internal(err), 'error');
  }
}

/**
 * Opens the page's checklist panel, at `item` pointing at that item's element (a
 * playbook's `do.checklist`); false when no checklist is on the page, or the user
 * dismissed it for good or completed it.
 */
export const openChecklist = (item?: string): boolean => !!current?.open(item, true);
