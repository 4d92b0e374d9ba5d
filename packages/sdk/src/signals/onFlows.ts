import type { PluginApi } from '../types.js';
import { pathOf } from './describeElement.js';
import { advanceFlow, expireFlow, stepMatches, type Emit, type FlowInput, type FlowState } from './flows.js';
import { guard, listen } from './guard.js';
import type { FlowDefinition } from './types.js';
import { getUserRecord } from './userMemory.js';
import { DEFAULT_FLOW_TIMEOUT } from './validateFlows.js';

/** setTimeout's longest delay. */
const MAX_DELAY = 2 ** 31 - 1;

/**
 * DOM glue of flows: feeds track events, page views and clicks to the state machine
 * (flows.ts), keeps each user's progress in localStorage (so it survives reloads and SPA
 * navigation), and abandons a flow when its timeout passes: on a timer while the page is
 * open (`timeout`), or at the next visit when the user left in between (`page_exit`).
 */
export function onFlows(api: PluginApi, flows: FlowDefinition[]): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let busy = false;

  function run(input: FlowInput | null, exit?: 'timeout' | 'page_exit') {
    // Storage is read only when some step could match (or a deadline passed), not per event.
    if (busy || (input && !flows.some((f) => f.steps.some((s) => stepMatches(s, input))))) return;
    const now = Date.now();
    const [rec, save] = getUserRecord(api.user(), now);
    const fl: Record<string, FlowState> = { ...rec.fl };
    const out: Emit[] = [];
    let changed = false;
    for (const def of flows) {
      const st = fl[def.id] ?? null;
      const r = input ? advanceFlow(def, st, input, now) : expireFlow(def, st, now, exit!);
      if (r.state !== st) {
        changed = true;
        if (r.state) fl[def.id] = r.state;
        else delete fl[def.id];
      }
      out.push(...r.out);
    }
    if (changed) save({ ...rec, fl });
    busy = true;
    try {
      for (const [event, props] of out) api.track(event, props);
    } finally {
      busy = false;
    }
    clearTimeout(timer);
    const deadlines = flows.filter((f) => fl[f.id]).map((f) => fl[f.id]!.l + (f.timeoutMs ?? DEFAULT_FLOW_TIMEOUT));
    if (deadlines.length) timer = setTimeout(guard(() => run(null, 'timeout')), Math.min(MAX_DELAY, Math.min(...deadlines) - now + 10));
  }

  const offs = [
    api.onMessage((m) => {
      if (m.type == 'track') run({ event: m.event });
      else if (m.type == 'page') run({ url: location.href });
    }),
  ];
  if (flows.some((f) => f.steps.some((s) => s.selector))) {
    offs.push(
      listen(window, 'click', (e) => {
        const path = pathOf(e);
        run({ click: (sel) => path.some((n) => n.matches(sel)) });
      }),
    );
  }
  run(null, 'page_exit');
  if (!api.config.trackPages) run({ url: location.href });
  return () => {
    clearTimeout(timer);
    offs.forEach((off) => off());
  };
}
