import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mergeState } from '../../../../../packages/sdk/src/guidance/state/mergeState';
import { createProgress, progressKey } from '../../../../../packages/sdk/src/guidance/checklist/createProgress';
import { lastPromptAt } from '../../../../../packages/sdk/src/guidance/shared/promptBudget';
import { readSurveyState, surveyStateKey } from '../../../../../packages/sdk/src/guidance/survey/surveyState';

const get = (k: string) => JSON.parse(localStorage.getItem(k) ?? 'null');
const put = (k: string, v: unknown) => localStorage.setItem(k, JSON.stringify(v));
beforeEach(() => localStorage.clear());
afterEach(() => vi.restoreAllMocks());

describe('mergeState: newest wins', () => {
  it('takes the later of the two last prompts', () => {
    put('sabu_prompt:u1', { at: 500, id: 'survey:local' });
    mergeState({ prompt: { at: 400, id: 'survey:older' } }, 'u1');
    expect(get('sabu_prompt:u1')).toEqual({ at: 500, id: 'survey:local' });
    mergeState({ prompt: { at: 900, id: 'survey:newer' } }, 'u1');
    expect(get('sabu_prompt:u1')).toEqual({ at: 900, id: 'survey:newer' });
    expect(lastPromptAt('u1')).toBe(900);
  });

  it('keeps, per survey, the record shown last (an answer to the same showing beats none)', () => {
    put(surveyStateKey('u1'), { n: 3, s: 'sess', r: { a: { at: 100, answered: 110 }, b: { at: 300 }, c: { at: 200 } } });
    mergeState({ surveys: { a: { at: 50, answered: 60 }, b: { at: 250, answered: 260 }, c: { at: 200, answered: 205 }, d: { at: 10 } } }, 'u1');
    expect(get(surveyStateKey('u1'))).toEqual({ n: 3, s: 'sess', r: { a: { at: 100, answered: 110 }, b: { at: 300 }, c: { at: 200, answered: 205 }, d: { at: 10 } } });
  });

  it("starts from the anonymous id's survey state when the user has none yet", () => {
    put(surveyStateKey('anon-1'), { n: 2, r: { a: { at: 5 } } });
    mergeState({ surveys: { b: { at: 7, answered: 8 } } }, 'u1', 'anon-1');
    expect(readSurveyState('u1')).toEqual({ n: 2, r: { a: { at: 5 }, b: { at: 7, answered: 8 } } });
  });

  it('unites checklist items done on either device, at the earlier time, and keeps completion and dismissal', () => {
    put(progressKey('onb', 'u1'), { v: 1, start: 1000, met: { x: ['k'] }, done: { a: 1500, b: 3000 } });
    mergeState({ checklists: { onb: { start: 800, shown: 900, done: { b: 2000, c: 2500 }, completed: 2600, never: 2700 } } }, 'u1');
    expect(get(progressKey('onb', 'u1'))).toEqual({ v: 1, start: 800, shown: 900, met: { x: ['k'] }, done: { a: 1500, b: 2000, c: 2500 }, completed: 2600, never: 2700 });
  });

  it('creates the progress of a checklist this device never ran, at its version', () => {
    mergeState({ checklists: { onb: { v: 3, start: 800, done: { a: 900 } } } }, 'u1');
    expect(get(progressKey('onb', 'u1'))).toEqual({ v: 3, start: 800, met: {}, done: { a: 900 } });
  });

  it('lets the higher checklist version alone count', () => {
    put(progressKey('onb', 'u1'), { v: 2, start: 1000, met: {}, done: { a: 1500 } });
    mergeState({ checklists: { onb: { v: 1, start: 800, done: { old: 900 } } } }, 'u1');
    expect(get(progressKey('onb', 'u1')).done).toEqual({ a: 1500 });
    mergeState({ checklists: { onb: { v: 3, start: 2000, done: { b: 2100 } } } }, 'u1');
    expect(get(progressKey('onb', 'u1'))).toEqual({ v: 3, start: 2000, met: {}, done: { b: 2100 } });
  });

  it("tells a checklist running in this page, as another tab would, so it ticks the items", () => {
    const progress = createProgress('onb', 1, 'u1', 1000);
    progress.flush();
    const heard: string[] = [];
    const onStorage = (e: StorageEvent) => e.key == progress.key && progress.merge(e.newValue) && heard.push(e.key!);
    addEventListener('storage', onStorage);
    mergeState({ checklists: { onb: { start: 900, done: { a: 1100 } } } }, 'u1');
    removeEventListener('storage', onStorage);
    expect(heard).toEqual([progress.key]);
    expect(progress.state.done).toEqual({ a: 1100 });
    // Nothing new: nothing written, nobody told.
    const set = vi.spyOn(Storage.prototype, 'setItem');
    mergeState({ checklists: { onb: { start: 900, done: { a: 1100 } } } }, 'u1');
    expect(set).not.toHaveBeenCalled();
  });

  it('skips what is not state, without throwing', () => {
    for (const bad of [null, 42, 'x', { checklists: { a: null, b: { start: 'x' } }, surveys: { s: null, t: { at: 'x' } }, prompt: { at: 'x', id: 1 } }])
      expect(() => mergeState(bad as never, 'u1')).not.toThrow();
    expect(localStorage.length).toBe(0);
  });
});
