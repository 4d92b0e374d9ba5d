import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain .js without types
import { barChart, lineChart } from '../../../../packages/collector/dashboard/lib/charts.js';

/** The dashboard's charts, in happy-dom: what they draw for no data, zeros, and long lists. */
describe('dashboard charts', () => {
  it('shows the empty text, not a row of zeros, when there is nothing to draw', () => {
    for (const items of [[], [{ label: 'a', value: 0, text: '0 %' }, { label: 'b', value: 0, text: '0 %' }]]) {
      const s: HTMLElement = barChart('Adoption', items, { max: 1, empty: 'Nothing yet.' });
      expect(s.querySelector('.bars')).toBeNull();
      expect(s.textContent).toBe('AdoptionNothing yet.');
    }
    const line: HTMLElement = lineChart('NPS', { x: [0, 1], series: [{ label: 'NPS', values: [null, null] }], empty: 'No answers.' });
    expect(line.querySelector('.chart')).toBeNull();
    expect(line.textContent).toBe('NPSNo answers.');
  });

  it('draws one bar per item, with its value as text and a width in proportion', () => {
    const items = Array.from({ length: 14 }, (_, i) => ({ label: `rage clicks · /app/reports · #button-${i}`, value: 14 - i, text: String(14 - i) }));
    const s: HTMLElement = barChart('Hotspots', items);
    const rows = [...s.querySelectorAll('.bars li')];
    expect(rows.length).toBe(14);
    expect(rows.map((r) => r.querySelector('.bar-value')!.textContent)).toEqual(items.map((i) => i.text));
    expect(rows.map((r) => (r.querySelector('.bar') as HTMLElement).style.width)).toEqual(items.map((i) => `${(i.value / 14) * 100}%`));
  });
});
