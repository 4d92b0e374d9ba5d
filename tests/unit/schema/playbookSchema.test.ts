// @vitest-environment node
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { playbookSchema, toJsonSchema, validateDefinition } from '../../../packages/schema/src/index';

const FILE = new URL('../../../packages/schema/playbook.schema.json', import.meta.url);
const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../e2e/fixtures/${name}`, import.meta.url), 'utf8'));

describe('playbook schema', () => {
  it('publishes a JSON Schema file in sync with the zod schema (UPDATE_SCHEMAS=1 rewrites it)', () => {
    const generated = JSON.stringify(toJsonSchema('playbook'), null, 2) + '\n';
    if (process.env.UPDATE_SCHEMAS) writeFileSync(FILE, generated);
    expect(readFileSync(FILE, 'utf8')).toBe(generated);
  });

  it('tells editors that when and do each need one of their kinds', () => {
    const js = JSON.stringify(toJsonSchema('playbook'));
    expect(js).toContain('{"required":["noValueAfterDays"]}');
    expect(js).toContain('{"required":["hint"]}');
    expect(toJsonSchema('playbook').$id).toBe('https://sabu.dev/schema/playbook.schema.json');
  });

  it('accepts the documented example (a hint after three rage clicks on Pay)', () => {
    expect(validateDefinition('playbook', fixture('playbook-rage-billing.json'))).toEqual({ ok: true, errors: [] });
    expect(playbookSchema.parse(fixture('playbook-rage-billing.json')).when).toMatchObject({ friction: 'rage', count: 3, element: '#pay' });
  });

  it("accepts the example app's playbooks (examples/saas-app/playbooks.json, an array)", () => {
    const list = JSON.parse(readFileSync(new URL('../../../examples/saas-app/playbooks.json', import.meta.url), 'utf8')) as unknown[];
    expect(list.length).toBeGreaterThan(0);
    for (const pb of list) expect(validateDefinition('playbook', pb)).toEqual({ ok: true, errors: [] });
  });

  it('names the JSON path and what was expected for each problem', () => {
    const r = validateDefinition('playbook', {
      id: 'p',
      when: { friction: 'rage', count: 0, element: '#a' },
      do: { tour: 'welcome', item: 'x' },
      cooldownHours: -1,
      experiment: { id: 'e', variants: [{ id: 'holdout' }], holdout: 2 },
    });
    expect(r.errors).toEqual([
      { path: 'when.count', message: 'expected an integer from 1 to 100' },
      { path: 'do.item', message: 'only allowed with checklist' },
      { path: 'cooldownHours', message: 'expected a number of hours of 0 or more' },
      { path: 'experiment.holdout', message: 'expected a number from 0 to 1' },
      { path: 'experiment.variants[0].id', message: '"holdout" is reserved for the holdout; name the variant otherwise' },
    ]);
  });
});

describe('experiment on a tour (composed into the tour schema)', () => {
  it('accepts variants of a tour and names the path of a variant whose steps are invalid', () => {
    const tour = { id: 'welcome', steps: [{ id: 'a', text: 'Hi' }] };
    expect(validateDefinition('tour', { ...tour, experiment: { id: 't', variants: [{ id: 'control' }, { id: 'short', overrides: { steps: [{ id: 'b', text: 'Yo' }] } }], holdout: 0.5 } }).ok).toBe(true);
    expect(validateDefinition('tour', { ...tour, experiment: { id: 't', variants: [{ id: 'b', overrides: { steps: [] } }] } }).errors).toEqual([
      { path: 'experiment.variants[0].overrides.steps', message: 'expected an array of 1 to 30 steps' },
    ]);
  });
});
