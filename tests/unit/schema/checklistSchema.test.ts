// @vitest-environment node
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checklistSchema, toJsonSchema, validateDefinition } from '../../../packages/schema/src/index';

const FILE = new URL('../../../packages/schema/checklist.schema.json', import.meta.url);
const example = JSON.parse(readFileSync(new URL('../../e2e/fixtures/checklist-onboarding.json', import.meta.url), 'utf8'));

describe('checklist schema', () => {
  it('publishes a JSON Schema file in sync with the zod schema (UPDATE_SCHEMAS=1 rewrites it)', () => {
    const generated = JSON.stringify(toJsonSchema('checklist'), null, 2) + '\n';
    if (process.env.UPDATE_SCHEMAS) writeFileSync(FILE, generated);
    expect(readFileSync(FILE, 'utf8')).toBe(generated);
  });

  it('accepts the documented example, with per-locale texts and nested rules', () => {
    expect(validateDefinition('checklist', example)).toEqual({ ok: true, errors: [] });
    expect(checklistSchema.parse(example).items.length).toBeGreaterThan(2);
  });

  it('names the JSON path and what was expected for each problem', () => {
    const bad = {
      id: 'onboarding',
      title: { en: '' },
      items: [
        { id: 'a', title: 'A', completeWhen: { event: 'X', url: '/y' } },
        { id: 'b', title: 'B', completeWhen: { all: [{ event: 'X' }, { trait: 5 }] }, action: { url: 'javascript:alert(1)' } },
      ],
    };
    expect(validateDefinition('checklist', bad).errors).toEqual([
      { path: 'title.en', message: 'expected a non-empty string' },
      { path: 'items[0].completeWhen', message: 'expected exactly one of event, url, click, visible, trait, all or any' },
      { path: 'items[1].action.url', message: 'expected an http(s) or relative URL' },
      { path: 'items[1].completeWhen.all[1].trait', message: 'expected a non-empty string' },
    ]);
  });

  it('reports duplicate ids and dependencies on unknown or later items', () => {
    const r = validateDefinition('checklist', {
      id: 'c',
      title: 'C',
      items: [
        { id: 'a', title: 'A', completeWhen: { event: 'X' }, dependsOn: ['b'] },
        { id: 'b', title: 'B', completeWhen: { event: 'Y' } },
        { id: 'a', title: 'A2', completeWhen: { event: 'Z' } },
      ],
    });
    expect(r.errors).toEqual([
      { path: 'items[0].dependsOn[0]', message: 'expected the id of an earlier item' },
      { path: 'items[2].id', message: 'duplicate item id "a"' },
    ]);
  });

  it('reports unreadable JSON text and unknown kinds without throwing', () => {
    expect(validateDefinition('checklist', '{"id":').errors[0]).toMatchObject({ path: '', message: expect.stringContaining('not valid JSON') });
    expect(validateDefinition('nope', {}).ok).toBe(false);
  });
});
