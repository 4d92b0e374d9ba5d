import type { Checklist, SabuMessage } from '@sabu/schema';
import { guard } from '../../core/guard.js';
import { messages, warnOnce } from '../../core/messages.js';
import type { PluginApi } from '../../types.js';
import { fetchDefinition } from '../shared/fetchDefinition.js';
import type { GuidanceServices } from '../shared/services.js';
import { createChecklistController, type ChecklistController } from './createChecklistController.js';
import { validateChecklist } from './validateChecklist.js';

/** Messages and clicks kept for checklists whose definition arrives later (a URL still loading). */
const MAX_SEEN = 500;
/** A checklist id as `checklist(id)` takes it (ID_PATTERN), not a URL of JSON. */
const LOOKS_LIKE_ID = /^[\w.:-]{1,64}$/;

export interface Checklists {
  /** A definition, a list of them, the URL of either's JSON, or the id of one to open. */
  load(input: unknown): void;
  /**
   * Opens the checklist with this id, else the one shown on this page; at `item`, pointing
   * at it. `auto` (a playbook): not over "don't show again" or a completed checklist.
   * False when there is none to open.
   */
  open(id?: string, item?: string, auto?: boolean): boolean;
  /** Feeds what happened before the runtime loaded: messages, and clicked elements. */
  replay(seen: Array<SabuMessage | Element>): void;
  destroy(): void;
}

/**
 * Several checklists (the runtime's entry): keeps one controller per checklist id, in the
 * order they were given, feeds each every accepted message (progress is kept per
 * checklist), and shows one at a time: the first whose audience holds for this user and
 * page (by traits, signup age, URL) and that is neither finished nor declined, or the one
 * `checklist(id)` opened. The choice is made again after every message, so an
 * `identify()` with new traits or a route change can switch it.
 */
export function createChecklists(api: PluginApi, services: GuidanceServices): Checklists {
  const byId = new Map<string, ChecklistController>();
  /** Keys of inputs already taken (an SPA calling checklist() on each render: nothing to do). */
  const given = new Map<string, string>();
  const seen: Array<SabuMessage | Element> = [];
  let shown: ChecklistController | undefined;
  /** The id of the checklist shown last (`checklist()` reopens it after a dismissal). */
  let last: string | undefined;
  let forcedId: string | undefined;
  let wantsOpen: string | undefined;

  function select() {
    const hit = forcedId && byId.has(forcedId) ? forcedId : [...byId.keys()].find((k) => byId.get(k)!.eligible());
    const next = hit ? byId.get(hit) : undefined;
    if (hit) last = hit;
    if (next == shown) return;
    shown?.setActive(false);
    shown = next;
    next?.setActive(true);
  }

  function add(def: Checklist, key: string) {
    const old = byId.get(def.id);
    if (given.get(def.id) == key) return; // the same definition again
    given.set(def.id, key);
    if (old) {
      // A new version of a checklist replaces it in its place.
      old.destroy();
      if (shown == old) shown = undefined;
    }
    const n = seen.length;
    const c = createChecklistController(api, services, def, seen.slice());
    byId.set(def.id, c);
    // What arrived while it started (reading the identity may send the page's first page view).
    c.replay(seen.slice(n));
    if (wantsOpen == def.id) void open(def.id);
    else select();
  }

  function accept(value: unknown, where = '') {
    if (Array.isArray(value)) return value.forEach((v, i) => accept(v, `${where}[${i}]`));
    const problems = validateChecklist(value);
    if (problems.length)
      return problems.forEach(([path, problem]) => warnOnce(messages.definitionInvalid('checklist', where + (where && path && path[0] != '[' ? '.' : '') + path, problem), 'error'));
    add(value as Checklist, JSON.stringify(value));
  }

  function open(id?: string, item?: string, auto?: boolean): boolean {
    // No id: the one shown, else (the user asked, not a playbook) the last one shown, also
    // after "don't show again".
    const key = id ?? (shown || !auto ? last : undefined);
    const c = key === undefined ? undefined : byId.get(key);
    if (!c) return (wantsOpen = id), false;
    wantsOpen = undefined;
    if (c != shown) (forcedId = key), select();
    return c.open(item, auto);
  }

  let queue: Array<SabuMessage | Element> | null = null;
  /** Every checklist gets each message in order, also those its own events cause meanwhile. */
  function feed(x: SabuMessage | Element) {
    if (queue) return void queue.push(x);
    queue = [x];
    try {
      for (let next; (next = queue.shift()); ) {
        if (seen.length < MAX_SEEN) seen.push(next);
        for (const c of [...byId.values()]) c.replay([next]);
        select();
      }
    } finally {
      queue = null;
    }
  }

  /** A definition, a list, a URL, or an id to open. */
  function load(input: unknown): void {
    // `checklists: [definition, '/billing.json', ...]`: each in turn.
    if (Array.isArray(input) && input.some((x) => typeof x == 'string')) return input.forEach(load);
    if (typeof input == 'string') {
      if (byId.has(input) || (LOOKS_LIKE_ID.test(input) && !/\.json$/i.test(input))) return void open(input);
      if (given.has('url:' + input)) return;
      given.set('url:' + input, '');
      return void fetchDefinition('checklist', input).then(guard((json: unknown) => json !== undefined && accept(json)));
    }
    try {
      accept(input);
    } catch (err) {
      warnOnce(messages.internal(err), 'error');
    }
  }

  const offMessage = api.onMessage(feed);

  return {
    load,
    open,
    replay(list) {
      list.forEach(feed);
    },
    destroy() {
      offMessage();
      byId.forEach((c) => c.destroy());
      byId.clear();
    },
  };
}
