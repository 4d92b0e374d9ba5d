import { describe, expect, it } from 'vitest';
import { advanceFlow, expireFlow, type FlowInput, type FlowState } from '../../../../packages/sdk/src/signals/flows';
import { matchUrl } from '../../../../packages/sdk/src/guidance/shared/matchUrl';
import type { FlowDefinition } from '../../../../packages/sdk/src/signals/types';

const flow: FlowDefinition = {
  id: 'onboard',
  name: 'Onboarding',
  timeoutMs: 10_000,
  steps: [{ id: 'open', url: '/setup*' }, { id: 'connect', event: 'Source Connected' }, { id: 'invite', selector: '#invite' }],
};
const url = (path: string) => ({ url: 'https://app.test' + path });

/** Runs inputs at times through the machine; returns every event emitted, as `name:step|reason`. */
function run(inputs: [number, FlowInput][], state: FlowState | null = null) {
  const out: string[] = [];
  for (const [t, input] of inputs) {
    const r = advanceFlow(flow, state, input, t);
    state = r.state;
    for (const [e, p] of r.out) out.push(`${e}:${p.step ?? p.reason ?? p.duration_ms ?? ''}`);
  }
  return { out, state };
}

describe('flow state machine', () => {
  it('starts, completes each step in order and completes the flow', () => {
    const { out, state } = run([
      [0, url('/setup/1')],
      [1000, { event: 'Source Connected' }],
      [2500, { click: (s) => s == '#invite' }],
    ]);
    expect(out).toEqual(['Flow Started:', 'Flow Step Completed:open', 'Flow Step Completed:connect', 'Flow Step Completed:invite', 'Flow Completed:2500']);
    expect(state).toBeNull();
  });
  it('reports ms_since_start and the index of each step', () => {
    const r1 = advanceFlow(flow, null, url('/setup'), 100);
    const r2 = advanceFlow(flow, r1.state, { event: 'Source Connected' }, 400);
    expect(r2.out).toEqual([['Flow Step Completed', { flow: 'onboard', flow_name: 'Onboarding', step: 'connect', index: 1, ms_since_start: 300 }]]);
  });
  it('ignores later steps before the flow started, and repeats of done steps', () => {
    expect(run([[0, { event: 'Source Connected' }]]).out).toEqual([]);
    const { out } = run([[0, url('/setup')], [10, { event: 'Source Connected' }], [20, { event: 'Source Connected' }]]);
    expect(out).toEqual(['Flow Started:', 'Flow Step Completed:open', 'Flow Step Completed:connect']);
  });
  it('lets a user skip ahead to a later step', () => {
    expect(run([[0, url('/setup')], [10, { click: () => true }]]).out).toEqual([
      'Flow Started:',
      'Flow Step Completed:open',
      'Flow Step Completed:invite',
      'Flow Completed:10',
    ]);
  });
  it('abandons with reason restarted when the first step happens again mid-flow', () => {
    const { out, state } = run([[0, url('/setup')], [10, { event: 'Source Connected' }], [20, url('/setup')]]);
    expect(out.slice(3)).toEqual(['Flow Abandoned:restarted', 'Flow Started:', 'Flow Step Completed:open']);
    expect(state).toEqual({ s: 20, l: 20, i: 0 });
  });
  it('does not restart a flow still at its first step', () => {
    expect(run([[0, url('/setup')], [10, url('/setup')]]).out).toEqual(['Flow Started:', 'Flow Step Completed:open']);
  });
  it('times out exactly at timeoutMs after the last progress, not before', () => {
    const st: FlowState = { s: 0, l: 5000, i: 1 };
    expect(expireFlow(flow, st, 14_999, 'timeout')).toEqual({ state: st, out: [] });
    expect(expireFlow(flow, st, 15_000, 'page_exit').out).toEqual([
      ['Flow Abandoned', { flow: 'onboard', flow_name: 'Onboarding', last_step: 'connect', last_index: 1, reason: 'page_exit', duration_ms: 5000 }],
    ]);
    expect(expireFlow(flow, null, 99_999, 'timeout').out).toEqual([]);
  });
  it('abandons a timed-out flow before an input counts, then lets it start again', () => {
    const { out } = run([[20_000, url('/setup')]], { s: 0, l: 5000, i: 1 });
    expect(out).toEqual(['Flow Abandoned:timeout', 'Flow Started:', 'Flow Step Completed:open']);
  });
  it('defaults the timeout to 30 minutes', () => {
    const f = { ...flow, timeoutMs: undefined };
    expect(expireFlow(f, { s: 0, l: 0, i: 0 }, 1_799_999, 'timeout').out).toEqual([]);
    expect(expireFlow(f, { s: 0, l: 0, i: 0 }, 1_800_000, 'timeout').out).toHaveLength(1);
  });
});

describe('url patterns', () => {
  const u = (href: string) => href;
  it('match the whole path, with * for anything', () => {
    expect(matchUrl('/setup', u('https://a.test/setup?x=1'))).toBe(true);
    expect(matchUrl('/setup', u('https://a.test/setup/2'))).toBe(false);
    expect(matchUrl('/projects/*/settings', u('https://a.test/projects/42/settings'))).toBe(true);
    expect(matchUrl('/a.b', u('https://a.test/axb'))).toBe(false);
  });
  it('match the full URL (without hash) when the pattern starts with http', () => {
    expect(matchUrl('https://a.test/setup?step=*', u('https://a.test/setup?step=2#top'))).toBe(true);
  });
  it("complete a URL step on a hash router's route", () => {
    expect(advanceFlow(flow, null, url('/app/#/setup/1'), 0).out[0]).toEqual(['Flow Started', expect.anything()]);
  });
});
