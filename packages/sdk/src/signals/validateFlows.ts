import { messages, warnOnce } from '../core/messages.js';
import { isName, isObject } from './resolveOptions.js';
import type { FlowDefinition } from './types.js';

/** The same limits as `flowSchema` in packages/schema/src/flow.ts (a unit test keeps them in step). */
export const FLOW_LIMITS = { id: 100, steps: 50, timeoutMs: 30 * 24 * 3600 * 1000 };
/** No progress for 30 minutes: the industry's session timeout. */
export const DEFAULT_FLOW_TIMEOUT = 30 * 60 * 1000;

const validSelector = (s: string) => {
  try {
    document.createDocumentFragment().querySelector(s);
    return true;
  } catch {
    return false;
  }
};

/** Why a flow is invalid, as `[path, expected, got]`, or null. Paths match zod's issue paths. */
function problem(f: unknown, at: string): [string, string, unknown] | null {
  if (!isObject(f)) return [at, 'an object { id, name, steps, timeoutMs? }', f];
  if (!isName(f.id) || f.id.length > FLOW_LIMITS.id) return [at + '.id', `a non-empty string of at most ${FLOW_LIMITS.id} characters`, f.id];
  if (!isName(f.name)) return [at + '.name', 'a non-empty string', f.name];
  if (f.timeoutMs !== undefined && !(Number.isInteger(f.timeoutMs) && f.timeoutMs > 0 && f.timeoutMs <= FLOW_LIMITS.timeoutMs))
    return [at + '.timeoutMs', 'a positive integer (ms) of at most 30 days', f.timeoutMs];
  const steps = f.steps;
  if (!Array.isArray(steps) || !steps.length || steps.length > FLOW_LIMITS.steps)
    return [at + '.steps', `an array of 1 to ${FLOW_LIMITS.steps} steps`, steps];
  const ids = new Set<string>();
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i];
    const sp = `${at}.steps[${i}]`;
    if (!isObject(s)) return [sp, 'an object { id, event | url | selector }', s];
    if (!isName(s.id) || s.id.length > FLOW_LIMITS.id) return [sp + '.id', `a non-empty string of at most ${FLOW_LIMITS.id} characters`, s.id];
    if (ids.has(s.id)) return [sp + '.id', 'unique within the flow', s.id];
    ids.add(s.id);
    const keys = (['event', 'url', 'selector'] as const).filter((k) => s[k] !== undefined);
    if (keys.length != 1) return [sp, 'exactly one of event, url or selector', keys];
    const k = keys[0]!;
    if (!isName(s[k])) return [`${sp}.${k}`, 'a non-empty string', s[k]];
    if (k == 'selector' && !validSelector(s[k])) return [sp + '.selector', 'a valid CSS selector', s[k]];
  }
  return null;
}

/**
 * Checks `config.flows` by hand (zod stays out of the browser bundle). A bad flow is
 * reported once, naming the field, and skipped; the valid ones still run.
 */
export function validateFlows(flows: unknown): FlowDefinition[] {
  if (flows == null) return [];
  if (!Array.isArray(flows)) {
    warnOnce(messages.signalsConfig('flows', 'an array of flows', flows, 'no flow is tracked'));
    return [];
  }
  const ok: FlowDefinition[] = [];
  flows.forEach((f, i) => {
    const p = problem(f, `flows[${i}]`) ?? (ok.some((o) => o.id == f.id) ? [`flows[${i}].id`, 'unique', f.id] : null);
    if (p) warnOnce(messages.signalsConfig(p[0], p[1], p[2], 'this flow is ignored'));
    else ok.push(f);
  });
  return ok;
}
