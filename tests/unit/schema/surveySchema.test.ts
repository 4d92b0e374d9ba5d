// @vitest-environment node
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { surveySchema, toJsonSchema, validateDefinition } from '../../../packages/schema/src/index';

const FILE = new URL('../../../packages/schema/survey.schema.json', import.meta.url);
const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../e2e/fixtures/${name}`, import.meta.url), 'utf8'));

describe('survey schema', () => {
  it('publishes a JSON Schema file in sync with the zod schema (UPDATE_SCHEMAS=1 rewrites it)', () => {
    const generated = JSON.stringify(toJsonSchema('survey'), null, 2) + '\n';
    if (process.env.UPDATE_SCHEMAS) writeFileSync(FILE, generated);
    expect(readFileSync(FILE, 'utf8')).toBe(generated);
  });

  it('tells editors that a trigger needs one of its kinds', () => {
    const js = JSON.stringify(toJsonSchema('survey'));
    expect(js).toContain('{"required":["flowAbandoned"]}');
    expect(toJsonSchema('survey').$id).toBe('https://sabu.dev/schema/survey.schema.json');
  });

  it('accepts the documented examples (NPS after a first use, CES after an abandoned flow)', () => {
    for (const f of ['survey-nps.json', 'survey-ces.json']) expect(validateDefinition('survey', fixture(f))).toEqual({ ok: true, errors: [] });
    expect(surveySchema.parse(fixture('survey-nps.json')).triggers[0]!.properties).toEqual({ feature: 'export', first_use: true });
  });

  it('names the JSON path and what was expected for each problem', () => {
    const r = validateDefinition('survey', {
      id: 'nps',
      kind: 'csat',
      question: { en: '' },
      followUp: { promoter: 'Why?' },
      triggers: [{ event: 'A', url: '/b' }, { friction: 'angry' }, { sessions: 0 }],
      sampleRate: 2,
    });
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual([
      { path: 'question.en', message: 'expected a non-empty string' },
      { path: 'triggers[0]', message: 'expected exactly one of event, sessions, daysAfterSignup, url, checklistCompleted, flowCompleted, flowAbandoned, friction' },
      { path: 'triggers[1].friction', message: 'expected "rage", "dead" or "any"' },
      { path: 'triggers[2].sessions', message: 'expected a positive integer' },
      { path: 'sampleRate', message: 'expected a number from 0 to 1' },
    ]);
  });

  it('accepts follow-up wordings only for the buckets of the kind', () => {
    const base = { id: 's', question: 'Q', triggers: [{ url: '/x' }] };
    expect(validateDefinition('survey', { ...base, kind: 'nps', followUp: { detractor: 'a', passive: 'b', promoter: 'c' } }).ok).toBe(true);
    expect(validateDefinition('survey', { ...base, kind: 'ces', followUp: { promoter: 'c' } }).errors).toEqual([
      { path: 'followUp.promoter', message: 'not a bucket of ces; expected one of low, neutral, high' },
    ]);
  });

  it('reads JSON text and reports a syntax error at the root', () => {
    expect(validateDefinition('survey', '{"id": ').errors[0]!.path).toBe('');
    expect(validateDefinition('survey', JSON.stringify(fixture('survey-ces.json'))).ok).toBe(true);
  });
});
