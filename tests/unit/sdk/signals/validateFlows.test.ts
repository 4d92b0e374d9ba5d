import { afterEach, describe, expect, it, vi } from 'vitest';
import { flowSchema } from '../../../../packages/schema/src/flow';
import { validateFlows } from '../../../../packages/sdk/src/signals/validateFlows';
import { resolveOptions } from '../../../../packages/sdk/src/signals/resolveOptions';
import { resolveValue } from '../../../../packages/sdk/src/signals/flowsAndValue';

const good = { id: 'onboard', name: 'Onboarding', timeoutMs: 60_000, steps: [{ id: 'a', url: '/setup' }, { id: 'b', event: 'Done' }, { id: 'c', selector: '#go' }] };
const step = (s: object) => ({ ...good, steps: [s] });

/** Bad flows, and the field path both checkers must name. */
const BAD: [string, unknown, string][] = [
  ['not an object', 'flow', 'flows[0]'],
  ['empty id', { ...good, id: ' ' }, 'flows[0].id'],
  ['no name', { ...good, name: undefined }, 'flows[0].name'],
  ['no steps', { ...good, steps: [] }, 'flows[0].steps'],
  ['fractional timeout', { ...good, timeoutMs: 1.5 }, 'flows[0].timeoutMs'],
  ['negative timeout', { ...good, timeoutMs: -1 }, 'flows[0].timeoutMs'],
  ['step with two matchers', step({ id: 's', event: 'X', url: '/x' }), 'flows[0].steps[0]'],
  ['step with no matcher', step({ id: 's' }), 'flows[0].steps[0]'],
  ['step with empty event', step({ id: 's', event: '' }), 'flows[0].steps[0]'],
  ['duplicate step ids', { ...good, steps: [{ id: 's', event: 'A' }, { id: 's', event: 'B' }] }, 'flows[0].steps[1].id'],
];

const zodPath = (v: unknown) => {
  const r = flowSchema.safeParse(v);
  return r.success ? null : 'flows[0]' + r.error.issues[0]!.path.map((p) => (typeof p == 'number' ? `[${p}]` : '.' + String(p))).join('');
};

afterEach(() => vi.restoreAllMocks());

describe('flow validation in the browser agrees with the zod schema', () => {
  it('accepts a valid flow, as zod does', () => {
    expect(flowSchema.safeParse(good).success).toBe(true);
    expect(validateFlows([good])).toEqual([good]);
  });
  it.each(BAD)('rejects %s, naming %s like zod', (_what, flow, path) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(validateFlows([flow, { ...good, id: 'other' }])).toEqual([{ ...good, id: 'other' }]); // the valid flow still runs
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toMatch(new RegExp(`^\\[sabu\\] init\\(\\): config\\.${path.replace(/[.[\]]/g, '\\$&')}[ .[].*this flow is ignored`));
    expect(zodPath(flow)?.startsWith(path)).toBe(true);
  });
  it('rejects an invalid CSS selector and a second flow with the same id', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(validateFlows([step({ id: 's', selector: 'button[' }), good, { ...good }])).toEqual([good]);
    expect(warn.mock.calls.map((c) => c[0])).toEqual([
      expect.stringContaining('config.flows[0].steps[0].selector must be a valid CSS selector (got "button[")'),
      expect.stringContaining('config.flows[2].id must be unique'),
    ]);
  });
  it('ignores a flows value that is not an array, with one message', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(validateFlows({ id: 'x' })).toEqual([]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('config.flows must be an array of flows'));
  });
});

describe('signals options', () => {
  it('turns every detector on by default, with the documented defaults', () => {
    expect(resolveOptions(undefined)).toEqual({
      _on: true,
      _features: true,
      _rage: { count: 3, windowMs: 1000, radius: 30 },
      _dead: { windowMs: 1000 },
      _errors: { windowMs: 500, maxPerMinute: 10 },
      _forms: true,
      _vitals: true,
    });
  });
  it('turns one detector off with false, and tunes one with an object', () => {
    const o = resolveOptions({ deadClicks: false, rageClicks: { count: 5 } });
    expect(o._dead).toBeNull();
    expect(o._rage).toEqual({ count: 5, windowMs: 1000, radius: 30 });
    expect(resolveOptions(false)._on).toBe(false);
  });
  it('names the bad field and keeps the default', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const o = resolveOptions({ rageClicks: { count: -2, speed: 1 }, forms: 'yes', bogus: 1 });
    expect(resolveValue({ event: '' })).toBeNull();
    expect(o._rage!.count).toBe(3);
    expect(o._forms).toBe(true);
    const texts = warn.mock.calls.map((c) => c[0]);
    expect(texts).toEqual(
      expect.arrayContaining([
        expect.stringContaining('config.signals.rageClicks.count must be a positive number (got -2); the default 3 is used'),
        expect.stringContaining('config.signals.rageClicks.speed must be one of count, windowMs, radius'),
        expect.stringContaining('config.signals.forms must be true or false (got "yes")'),
        expect.stringContaining('config.signals.bogus '),
        expect.stringContaining('config.value.event must be a non-empty event name (got ""); time to first value is not measured'),
      ]),
    );
  });
  it('accepts a value option with where and cohortBy', () => {
    const v = { event: 'Report Created', where: { sample: false }, cohortBy: 'plan' };
    expect(resolveValue(v)).toBe(v);
  });
});
