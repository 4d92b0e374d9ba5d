/**
 * The on-demand part of signals for flows and time to first value: loaded only when the
 * configuration has `flows` or `value` (a chunk for ESM builds, dist/sabu-flows.js beside
 * sabu.min.js for the script tag), so pages that declare neither never download it.
 */
import type { PluginApi } from '../types.js';
import { onFlows } from './onFlows.js';
import { onValue } from './onValue.js';

export { valueMessageId } from './onValue.js';
import { isName, isObject, warn } from './resolveOptions.js';
import type { ValueOptions } from './types.js';
import { validateFlows } from './validateFlows.js';

/** Checks `config.value` by hand; a bad one is reported once, naming the field, and TTV is off. */
export function resolveValue(v: unknown): ValueOptions | null {
  if (v == null) return null;
  const off = 'time to first value is not measured';
  if (!isObject(v) || !isName(v.event)) {
    warn(isObject(v) ? 'value.event' : 'value', isObject(v) ? 'a non-empty event name' : "an object such as { event: 'Report Created' }", isObject(v) ? v.event : v, off);
    return null;
  }
  if (v.where !== undefined && !(isObject(v.where) && Object.values(v.where).every((x) => x === null || typeof x != 'object'))) {
    warn('value.where', 'an object of string, number, boolean or null values', v.where, off);
    return null;
  }
  if (v.cohortBy !== undefined && !isName(v.cohortBy)) {
    warn('value.cohortBy', 'a trait name', v.cohortBy, off);
    return null;
  }
  return v as ValueOptions;
}

/** Validates `flows` and `value` and starts what is valid; returns the cleanup. */
export function startFlowsAndValue(api: PluginApi, flows: unknown, value: unknown): () => void {
  const defs = validateFlows(flows);
  const v = resolveValue(value);
  const offs = [defs.length ? onFlows(api, defs) : null, v ? onValue(api, v) : null];
  return () => offs.forEach((off) => off?.());
}
