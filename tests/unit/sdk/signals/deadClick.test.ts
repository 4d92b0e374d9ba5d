import { describe, expect, it } from 'vitest';
import { createDeadClick } from '../../../../packages/sdk/src/signals/deadClick';

describe('dead click detector', () => {
  it('calls a click dead once the window passes with no answer, not before', () => {
    const d = createDeadClick<string>(1000);
    d._click(0, 'save');
    expect(d._tick(999)).toBeNull();
    expect(d._tick(1000)).toBe('save');
    expect(d._tick(2000)).toBeNull(); // reported once
  });
  it('does not call an answered click dead', () => {
    const d = createDeadClick<string>(1000);
    d._click(0, 'save');
    d._alive(999);
    expect(d._tick(1000)).toBeNull();
    expect(d._pending()).toBe(false);
  });
  it('ignores signs of life from before the click', () => {
    const d = createDeadClick<string>(1000);
    d._click(500, 'save');
    d._alive(499);
    expect(d._tick(1500)).toBe('save');
  });
  it('reports a burst of clicks on a dead button once, for the last click', () => {
    const d = createDeadClick<string>(1000);
    for (const t of [0, 100, 200]) d._click(t, 'b' + t);
    expect(d._tick(1100)).toBeNull();
    expect(d._tick(1200)).toBe('b200');
  });
});
