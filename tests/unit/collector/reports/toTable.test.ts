// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { toCsv, toText } from '../../../../packages/collector/src/reports/toTable.js';

describe('toCsv', () => {
  it('quotes commas, quotes and newlines, and defuses spreadsheet formulas', () => {
    const csv = toCsv({ columns: ['a', 'b'], rows: [['x,y', 'say "hi"'], ['=HYPERLINK("evil")', -3], ['line\nbreak', null]] });
    expect(csv).toBe('a,b\n"x,y","say ""hi"""\n"\'=HYPERLINK(""evil"")",-3\n"line\nbreak",\n');
  });
});

describe('toText', () => {
  it('aligns columns and shows missing values as –', () => {
    expect(toText({ columns: ['cohort', 'users'], rows: [['pro', 12], ['free', null]] })).toBe('cohort  users\n------  -----\npro        12\nfree        –\n');
  });
});
