/**
 * Every text the SDK prints, in one table (tested as a table). Shape: the call, the
 * problem, the value received, the fix.
 */
/** A host value in a message; never throws (no toString, a throwing toJSON or getter). */
const show = (v: unknown): string => {
  try {
    return typeof v == 'function' ? 'a function' : String(JSON.stringify(v));
  } catch {
    return typeof v;
  }
};

export const messages = {
  invalidConfig: (field: string, expected: string, got: unknown) =>
    `init(): config.${field} must be ${expected} (got ${show(got)}). Sabu is not started.`,
  unknownOption: (field: string) => `init(): config.${field} is unknown and ignored; see docs/config.md.`,
  duplicate: (first: string) => `Sabu ${first} already runs on this page; this copy stands down and passes its calls on. Include Sabu once.`,
  globalTaken: () => "window.sabu is the page's own object: left as is, so Sabu runs without it. Rename yours to call Sabu.",
  unknownCall: (name: string) => `sabu.${name}() is not a Sabu function; ignored. See docs/sdk.md.`,
  initTwice: () => 'init() was called twice; the first config stays. To switch users call reset().',
  badName: (call: string, got: unknown) =>
    `${call}(): the first argument must be a non-empty string (got ${show(got)}). Pass a name such as 'Report Exported'.`,
  badObject: (call: string, got: unknown) =>
    `${call}(): properties must be a plain object (got ${show(got)}); call ignored.`,
  unserialisable: (call: string, err: unknown) =>
    `${call}(): event not serialisable to JSON (${String(err)}); dropped. Remove cycles and BigInts.`,
  dropField: (call: string, key: string) => `${call}(): "${key}" is not JSON (a BigInt, function, symbol, cycle or too deep); left out.`,
  tooLong: (call: string, field: string, length: number, max: number) =>
    `${call}(): ${field} has ${length} characters, over the collector's ${max}; call ignored.`,
  oversized: (name: string, bytes: number, max: number) =>
    `event "${name}" is ${bytes} bytes, over the ${max}-byte limit; dropped, never sent truncated. Send less data per event.`,
  overflow: (max: number) =>
    `over ${max} unsent events (collector unreachable?): dropping the oldest. Check the endpoint or raise maxQueueSize.`,
  rejected: (status: number, n: number) =>
    `the collector refused ${n} event(s) with HTTP ${status}; dropped, not retried. Its response names the field at fault.`,
  parked: (n: number) => `the collector fails (5xx) on ${n} event(s) that others pass: kept aside (status().parked), retried next session.`,
  unreachable: (endpoint: string) =>
    `cannot reach ${endpoint}: allow this page's origin in the collector (CORS), fix config.endpoint, or start the collector. Events are kept.`,
  storageFallback: (err: unknown) =>
    `IndexedDB unavailable (${String(err)}): events kept in memory for this page.`,
  internal: (err: unknown) => `internal error, contained (your page is unaffected): ${String(err)}`,
  debugDropped: (reason: string, name: string) => `dropped "${name}": ${reason}`,
  signalsConfig: (path: string, expected: string, got: unknown, effect: string) =>
    `init(): config.${path} must be ${expected} (got ${show(got)}); ${effect}. See docs/signals.md.`,
  definitionInvalid: (kind: string, path: string, problem: string) =>
    `${kind}: ${path || '(root)'}: ${problem}; it is not shown. Check the file with \`npx sabu validate\` (docs/${kind}s.md).`,
  definitionLoad: (kind: string, url: string, err: unknown) =>
    `${kind}: could not load ${show(url)} (${String(err)}); it is not shown. Serve the JSON from that URL (with CORS when on another origin).`,
  uiLoad: (url: unknown, err: unknown) =>
    `could not load the widgets from ${show(url)} (${String(err)}); nothing is shown. Serve sabu-ui.js next to sabu.min.js, or set config.ui to its URL.`,
  guidanceOption: (field: string, expected: string, got: unknown) =>
    `init(): config.${field} must be ${expected} (got ${show(got)}); it is ignored. See docs/ui.md.`,
  checklistLate: () =>
    'checklist(): called after init() in a build without checklists; call checklist() before init(), or use sabu.min.js.',
  unknownSurvey: (id: string) => `survey("${id}"): no survey with this id is registered.`,
  surveyLate: () => 'survey(): called after init() in a build without surveys; call survey() before init(), or use sabu.min.js.',
  tourLate: () => 'tour(): called after init() in a build without tours; call tour() before init(), or use sabu.min.js.',
  surveySkipped: (id: string, why: string) => `survey "${id}" not shown: ${why}.`,
  late: (call: string) => `${call}(): called after init() in a build without it; call ${call}() before init(), or use sabu.min.js.`,
  playbookSkipped: (id: string, why: string) => `playbook "${id}": ${why}.`,
};

const said = new Set<string>();

/** Prints a `[sabu]` message once per page (deduplicated by its text). */
export function warnOnce(text: string, level: 'warn' | 'error' = 'warn'): void {
  if (said.has(text)) return;
  said.add(text);
  if (typeof console !== 'undefined') console[level]('[sabu] ' + text);
}
