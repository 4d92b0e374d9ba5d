/**
 * Every text the SDK prints, in one table (tested as a table). Shape: the call, the
 * problem, the value received, the fix.
 */
const show = (v: unknown): string => {
  try {
    return typeof v === 'string' ? JSON.stringify(v) : typeof v === 'function' ? 'a function' : String(JSON.stringify(v) ?? v);
  } catch {
    return String(v);
  }
};

export const messages = {
  invalidConfig: (field: string, expected: string, got: unknown) =>
    `init(): config.${field} must be ${expected} (got ${show(got)}). Sabu is not started.`,
  unknownOption: (field: string) => `init(): config.${field} is not an option Sabu knows; it is ignored. Check its spelling in docs/config.md.`,
  initTwice: () => 'init() was called again; the first configuration stays. Call reset() to change users, not init().',
  badName: (call: string, got: unknown) =>
    `${call}(): the first argument must be a non-empty string (got ${show(got)}). Pass a name such as 'Report Exported'.`,
  badObject: (call: string, got: unknown) =>
    `${call}(): properties/traits must be a plain object (got ${show(got)}); the call was ignored.`,
  unserialisable: (call: string, err: unknown) =>
    `${call}(): the event could not be turned into JSON (${String(err)}); it was dropped. Remove cycles and BigInt values.`,
  oversized: (name: string, bytes: number, max: number) =>
    `event "${name}" is ${bytes} bytes, over the ${max}-byte limit; it was dropped (never sent truncated). Send less data per event.`,
  overflow: (max: number) =>
    `the queue holds more than ${max} unsent events (collector unreachable?); the oldest are being dropped. Raise maxQueueSize or check the endpoint.`,
  rejected: (status: number, n: number) =>
    `the collector refused ${n} event(s) with HTTP ${status}; they were dropped and will not be retried. Check the collector's response for the field at fault.`,
  storageFallback: (err: unknown) =>
    `IndexedDB is unavailable (${String(err)}); events are kept in memory for this page only.`,
  internal: (err: unknown) => `internal error, contained so your page keeps working: ${String(err)}`,
  debugDropped: (reason: string, name: string) => `dropped "${name}": ${reason}`,
};

const said = new Set<string>();

/** Prints a `[sabu]` message once per page (deduplicated by its text). */
export function warnOnce(text: string, level: 'warn' | 'error' = 'warn'): void {
  if (said.has(text)) return;
  said.add(text);
  if (typeof console !== 'undefined') console[level]('[sabu] ' + text);
}
