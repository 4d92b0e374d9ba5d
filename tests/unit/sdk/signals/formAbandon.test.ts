import { describe, expect, it } from 'vitest';
import { createFormAbandon } from '../../../../packages/sdk/src/signals/formAbandon';

describe('form abandonment', () => {
  it('reports a started form left unsubmitted with the fields touched and the last one', () => {
    const f = createFormAbandon<string>();
    f._touch('signup', 'email');
    f._touch('signup', 'name');
    f._touch('signup', 'email');
    expect(f._leave()).toEqual([['signup', { fields_touched: 2, last_field: 'email' }]]);
    expect(f._leave()).toEqual([]); // once
  });
  it('does not report a submitted or untouched form', () => {
    const f = createFormAbandon<string>();
    f._touch('signup', 'email');
    f._submit('signup');
    expect(f._leave()).toEqual([]);
  });
  it('reports only the forms that are gone on an SPA route change', () => {
    const f = createFormAbandon<string>();
    f._touch('a', 'x');
    f._touch('b', 'y');
    expect(f._leave((form) => form == 'a')).toEqual([['a', { fields_touched: 1, last_field: 'x' }]]);
    expect(f._leave()).toEqual([['b', { fields_touched: 1, last_field: 'y' }]]);
  });
});
