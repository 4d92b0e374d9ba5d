import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSlot } from '../../../../../packages/sdk/src/guidance/tour/createSlot';
import type { GuidesUI } from '../../../../../packages/sdk/src/guidance/shared/uiContract';

/**
 * The slot keeps one widget in step with what the tour wants while the UI chunk loads:
 * what a user sees is the step wanted when the chunk arrived, never a stale one, and a
 * failing chunk or widget never throws into the page.
 */

type P = { step: string };

function setup(loadResult: () => Promise<GuidesUI | null> = async () => ({}) as GuidesUI) {
  const log: string[] = [];
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const load = vi.fn(async () => (await gate, loadResult()));
  const slot = createSlot<P>(load, (_ui, p) => {
    log.push('mount ' + p?.step);
    return { update: (n: P) => void log.push('update ' + n.step), destroy: () => void log.push('destroy') };
  });
  return { slot, log, load, release: async () => (release(), await new Promise((r) => setTimeout(r, 0))) };
}

describe('createSlot', () => {
  afterEach(() => vi.restoreAllMocks());

  it('loads the UI once, on the first show, and mounts the props wanted when it arrived', async () => {
    const t = setup();
    expect(t.load).not.toHaveBeenCalled();
    t.slot.show({ step: 'a' });
    t.slot.show({ step: 'b' }); // the user moved on while the chunk loaded
    await t.release();
    expect(t.load).toHaveBeenCalledTimes(1);
    expect(t.log).toEqual(['mount b']);
    t.slot.show({ step: 'c' });
    t.slot.hide();
    t.slot.show({ step: 'd' }); // the next step, after the tip was removed: mounted afresh
    await new Promise((r) => setTimeout(r, 0));
    expect(t.log).toEqual(['mount b', 'update c', 'destroy', 'mount d']);
  });

  it('shows nothing when hidden before the UI arrived (the tour ended or the step waits for its anchor)', async () => {
    const t = setup();
    t.slot.show({ step: 'a' });
    t.slot.hide();
    await t.release();
    expect(t.log).toEqual([]);
  });

  it('a UI that failed to load (null) mounts nothing and does not throw', async () => {
    const t = setup(async () => null);
    t.slot.show({ step: 'a' });
    await t.release();
    expect(t.log).toEqual([]);
  });

  it('a widget that throws while mounting is contained: one [sabu] error, nothing thrown into the page', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slot = createSlot<P>(async () => (await gate, {} as GuidesUI), () => {
      throw new Error('boom');
    });
    expect(() => slot.show({ step: 'a' })).not.toThrow();
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0]![0])).toMatch(/^\[sabu\].*boom/);
  });
});
