import { describe, expect, it } from 'vitest';
import { createRageClick } from '../../../../packages/sdk/src/signals/rageClick';

const opts = { count: 3, windowMs: 1000, radius: 30 };
const click = (t: number, x = 100, y = 100) => ({ t, x, y });

/** Feeds clicks, then lets time pass; returns the sizes of the bursts reported. */
function bursts(clicks: { t: number; x: number; y: number }[], o = opts): number[] {
  const r = createRageClick(o);
  const out: number[] = [];
  for (const c of clicks) {
    const b = r._add(c);
    if (b) out.push(b.length);
  }
  const last = clicks[clicks.length - 1]!;
  expect(r._tick(last.t + o.windowMs)).toBeNull(); // not yet: exactly windowMs after the last click
  const b = r._tick(last.t + o.windowMs + 1);
  if (b) out.push(b.length);
  return out;
}

describe('rage click detector', () => {
  it('reports three clicks within a second in one place as one burst', () => {
    expect(bursts([click(0), click(200), click(400)])).toEqual([3]);
  });
  it('reports one burst, with its full count, however long the burst goes on', () => {
    expect(bursts([0, 150, 300, 450, 600, 750, 900].map((t) => click(t)))).toEqual([7]);
  });
  it('does not report two clicks', () => {
    expect(bursts([click(0), click(100)])).toEqual([]);
  });
  it('counts clicks exactly windowMs apart (at the boundary) but not past it', () => {
    expect(bursts([click(0), click(500), click(1000)])).toEqual([3]);
    expect(bursts([click(0), click(500), click(1001)])).toEqual([]);
  });
  it('needs the clicks inside one window, not merely chained', () => {
    // Each gap is under a second, but no second holds three clicks.
    expect(bursts([click(0), click(900), click(1800), click(2700)])).toEqual([]);
  });
  it('keeps clicks at the radius in the burst and drops those past it', () => {
    expect(bursts([click(0, 100, 100), click(100, 130, 100), click(200, 100, 130)])).toEqual([3]);
    expect(bursts([click(0, 100, 100), click(100, 131, 100), click(200, 131, 100)])).toEqual([]);
  });
  it('starts a new burst after a far click and reports the finished one at once', () => {
    const r = createRageClick(opts);
    r._add(click(0));
    r._add(click(100));
    expect(r._add(click(200))).toBeNull();
    expect(r._add(click(300, 500, 500))?.length).toBe(3);
  });
  it('is reset by an answer: a stepper that changes the page at each click never rages', () => {
    const r = createRageClick(opts);
    for (let t = 0; t < 1000; t += 100) {
      expect(r._add(click(t))).toBeNull();
      expect(r._end()).toBeNull(); // the page answered this click
    }
  });
  it('reports a burst that the page answers late, when the answer comes', () => {
    const r = createRageClick(opts);
    r._add(click(0));
    r._add(click(100));
    r._add(click(200));
    r._add(click(300));
    expect(r._end()?.length).toBe(4);
    expect(r._end()).toBeNull();
  });
  it('honours other thresholds', () => {
    expect(bursts([click(0), click(100), click(200)], { count: 4, windowMs: 1000, radius: 30 })).toEqual([]);
    expect(bursts([click(0), click(100), click(200), click(300)], { count: 4, windowMs: 1000, radius: 30 })).toEqual([4]);
  });
});
