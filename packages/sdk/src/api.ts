import type { Platform } from './core/platform.js';
import { createClient, type Client } from './core/createClient.js';
import { messages, warnOnce } from './core/messages.js';
import { validateConfig, type ResolvedConfig } from './core/validateConfig.js';
import { createBrowserPlatform } from './browser/platform.js';
import type { IdentifyOptions, Properties, SabuConfig, SabuPlugin, SabuStatus } from './types.js';

/** Calls made before `init()` wait here (bounded) and replay in order once it ran. */
const MAX_EARLY_CALLS = 1000;

type Call = [name: string, args: unknown[], time?: number];

let client: Client | null = null;
let early: Call[] = [];
let makePlatform: () => Platform = createBrowserPlatform;
/** Plugins an entry point builds in (the script tag's signals, checklists...), made from the config at init. */
const builtIn: ((config: ResolvedConfig) => SabuPlugin | null | undefined)[] = [];

/**
 * A started copy of Sabu announces itself here (any version, script tag or npm), so a
 * second copy on the page stands down and forwards its calls to the first instead of
 * sending every page view and signal twice. Names are not `_`-prefixed: builds mangle
 * those differently.
 */
const RUNNING = Symbol.for('sabu');
interface Running {
  version: string;
  run: typeof run;
}
let other: Running | null = null;

/** While the snippet's calls replay: the time of the call being replayed, and the first page view held back. */
let replayTime: number | undefined;
let replaying = false;

/** Runs a public call inside a guard: the SDK never throws into host code. */
function run<T>(name: string, args: unknown[], time = replayTime): T | undefined {
  try {
    if (name == 'init') return void start(args[0]) as T;
    if (other) return other.run(name, args, time);
    if (!client) {
      if (early.length < MAX_EARLY_CALLS) early.push([name, args, time ?? Date.now()]);
      return undefined;
    }
    let out: T | undefined;
    const c = client;
    c._at(time, () => (out = (c as any)[name](...args)));
    return out;
  } catch (err) {
    warnOnce(messages.internal(err), 'error');
    return undefined;
  }
}

function start(config: unknown) {
  if (client || other) return warnOnce(messages.initTwice());
  if (typeof window == 'undefined') return; // server-side rendering: nothing to do
  const w = window as unknown as Record<symbol, Running | undefined>;
  const first = w[RUNNING];
  if (first) {
    other = first;
    warnOnce(messages.duplicate(first.version));
  } else {
    const cfg = validateConfig(config);
    if (!cfg) return;
    cfg.plugins = [...(builtIn.map((make) => make(cfg)).filter(Boolean) as SabuPlugin[]), ...cfg.plugins];
    client = createClient(cfg, makePlatform());
    w[RUNNING] = { version: __VERSION__, run };
  }
  // Calls made before init() go first, then the automatic page view (which so carries
  // a user identified before it), unless the snippet's queue is still replaying.
  const calls = early;
  early = [];
  for (const [name, args, time] of calls) run(name, args, time);
  if (!replaying) client?._start();
}

/**
 * Starts Sabu. Call once, as early as you can; calls made before it are kept and replayed.
 * @example init({ writeKey: 'wk_live_123', endpoint: 'https://collector.example.com/v1/batch' })
 */
export const init = (config: SabuConfig): void => run('init', [config]);
/** Records that the user did something: `track('Report Exported', { format: 'csv' })`. */
export const track = (event: string, properties?: Properties): void => run('track', [event, properties]);
/** Records a page view; called for you at start and on SPA route changes unless `trackPages: false`. */
export const page = (name?: string | Properties, properties?: Properties): void => run('page', [name, properties]);
/**
 * Ties this browser to a user id (and merges traits such as `created_at`, `plan`); later events carry `userId`.
 * With `{ signature }` (the user id signed by your backend, docs/sdk.md#cross-device-guidance-state), the
 * user's checklist progress, prompt budget and survey answers from other devices are fetched and merged.
 */
export const identify = (userId?: string | Properties, traits?: Properties, options?: IdentifyOptions): void => run('identify', [userId, traits, options]);
/** Ties the user to an account (`groupId`); later events carry `context.groupId`. */
export const group = (groupId: string, traits?: Properties): void => run('group', [groupId, traits]);
/** Forgets the user (sign-out): new anonymous id, no user, group, traits or session. */
export const reset = (): void => run('reset', []);
/**
 * Records use of a feature: `feature('export-csv')` → `Feature Used { feature: 'export-csv' }`
 * (with `first_use` when signals are on). Same as `data-sabu-feature` on an element.
 */
export const feature = (name: string, properties?: Properties): void => {
  try {
    // The spread reads the host's properties: a throwing getter must not reach the host.
    if (typeof name == 'string' && name) run('track', ['Feature Used', { ...properties, feature: name }]);
    else warnOnce(messages.badName('feature', name));
  } catch (err) {
    warnOnce(messages.unserialisable('feature', err));
  }
};
/** Sends what is queued now. Resolves when the queue is empty or the collector asked to wait; never rejects. */
export const flush = (): Promise<void> => run<Promise<void>>('flush', []) ?? Promise.resolve();
/** Stops all storing and sending, deletes what is queued, and remembers the choice. */
export const optOut = (): void => void run('optOut', []);
/** Undoes {@link optOut}. */
export const optIn = (): void => run('optIn', []);
/** With `consent: 'pending'`: `consent(true)` sends what was stored; `consent(false)` deletes it and stores nothing more. */
export const consent = (granted: boolean): void => void run('consent', [granted]);
/** Counters for debugging: queued, sent and dropped events, storage in use, privacy state. */
export const status = (): SabuStatus | undefined => run('status', []);

/**
 * @internal Replays the calls the inline snippet queued, in call order, each with the
 * time it was made at, through `api` (the public functions by name); the automatic first
 * page view comes after them all, as it would have had the script been there first.
 */
export function _replay(calls: Call[], api: Record<string, unknown>): void {
  replaying = true;
  for (const [name, args, time] of calls) {
    replayTime = typeof time == 'number' ? time : undefined;
    try {
      const fn = api[name];
      if (typeof fn == 'function') fn(...args);
      else warnOnce(messages.unknownCall(name));
    } catch (err) {
      warnOnce(messages.internal(err), 'error');
    }
  }
  replaying = false;
  replayTime = undefined;
  client?._start();
}
/**
 * @internal Builds a plugin into every `init()` of this bundle, made from the config (an
 * entry point such as the script tag uses it to include signals; return null to skip).
 */
export const _use = (make: (config: ResolvedConfig) => SabuPlugin | null | undefined): void => void builtIn.push(make);
/** @internal For tests: stop and forget the instance, or swap the platform. */
export function _reset(platform?: () => Platform): void {
  client?._teardown();
  if (client && typeof window != 'undefined') delete (window as any)[RUNNING];
  client = other = null;
  early = [];
  if (platform) makePlatform = platform;
}
