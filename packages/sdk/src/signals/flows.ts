import type { FlowDefinition, FlowStep } from './types.js';
import { DEFAULT_FLOW_TIMEOUT } from './validateFlows.js';
import { matchUrl } from '../guidance/shared/matchUrl.js';

/** A flow in progress, as persisted (short keys: it lives in localStorage). */
export interface FlowState {
  /** Start time (ms). */
  s: number;
  /** Time of the last completed step (ms). */
  l: number;
  /** Index of the last completed step. */
  i: number;
}

/** What may complete a step: a track event, a page (its URL), or a click (does it match a selector?). */
export interface FlowInput {
  event?: string;
  /** The page's full URL. */
  url?: string;
  click?: (selector: string) => boolean;
}

export type Emit = [event: string, properties: Record<string, unknown>];
export interface FlowResult {
  state: FlowState | null;
  out: Emit[];
}

export function stepMatches(step: FlowStep, input: FlowInput): boolean {
  if (step.event != null) return step.event == input.event;
  if (step.url != null) return !!input.url && matchUrl(step.url, input.url);
  return !!input.click && step.selector != null && input.click(step.selector);
}

const timeoutOf = (def: FlowDefinition) => def.timeoutMs ?? DEFAULT_FLOW_TIMEOUT;
const base = (def: FlowDefinition) => ({ flow: def.id, flow_name: def.name });

/**
 * Abandons a flow that made no progress for its timeout. `reason` is `timeout` when the
 * page saw the time run out, `page_exit` when the user left and did not come back in time.
 */
export function expireFlow(def: FlowDefinition, state: FlowState | null, now: number, reason: 'timeout' | 'page_exit'): FlowResult {
  if (!state || now - state.l < timeoutOf(def)) return { state, out: [] };
  return { state: null, out: [abandoned(def, state, reason)] };
}

const abandoned = (def: FlowDefinition, st: FlowState, reason: string): Emit => [
  'Flow Abandoned',
  { ...base(def), last_step: def.steps[st.i]!.id, last_index: st.i, reason, duration_ms: st.l - st.s },
];

/**
 * The flow state machine, pure. The first step starts a flow (`Flow Started`, then its
 * `Flow Step Completed`); a later step completes when it matches after the steps before it
 * (skipping ahead is allowed; going back is ignored); the last step completes the flow.
 * The first step matching again in a flow past its first step abandons it (`restarted`)
 * and starts it afresh. A flow past its timeout is abandoned before the input counts.
 */
export function advanceFlow(def: FlowDefinition, state: FlowState | null, input: FlowInput, now: number): FlowResult {
  const out: Emit[] = [];
  let st = state;
  if (st && now - st.l >= timeoutOf(def)) {
    out.push(abandoned(def, st, 'timeout'));
    st = null;
  }
  const done = (i: number) => {
    const s = st!;
    st = { s: s.s, l: now, i };
    out.push(['Flow Step Completed', { ...base(def), step: def.steps[i]!.id, index: i, ms_since_start: now - s.s }]);
    if (i == def.steps.length - 1) {
      out.push(['Flow Completed', { ...base(def), duration_ms: now - s.s }]);
      st = null;
    }
  };
  let next = -1;
  for (let i = st ? st.i + 1 : 0; i < def.steps.length && next < 0; i++) if (stepMatches(def.steps[i]!, input)) next = i;
  if (st && next > 0) done(next);
  else if (stepMatches(def.steps[0]!, input) && (!st || st.i > 0)) {
    if (st) out.push(abandoned(def, st, 'restarted'));
    st = { s: now, l: now, i: 0 };
    out.push(['Flow Started', base(def)]);
    done(0);
  }
  return { state: st, out };
}
