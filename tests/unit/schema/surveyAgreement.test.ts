// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { SURVEY_BUCKETS as SCHEMA_BUCKETS, SURVEY_EXPECTED as SCHEMA_EXPECTED, TRIGGER_KINDS as SCHEMA_KINDS, validateDefinition } from '../../../packages/schema/src/index';
import { SURVEY_BUCKETS, SURVEY_EXPECTED, TRIGGER_KINDS, validateSurvey } from '../../../packages/sdk/src/guidance/survey/surveyValidate';

const survey = (over: Record<string, unknown> = {}) => ({ id: 'nps', kind: 'nps', question: 'How likely?', triggers: [{ event: 'X' }], ...over });
const trig = (t: unknown) => survey({ triggers: [t] });

/** Bad (and a few good) inputs; each must get the same problems from zod and from the SDK. */
const TABLE: [string, unknown][] = [
  ['valid minimal', survey()],
  ['valid full', survey({
    $schema: 'https://sabu.dev/schema/survey.schema.json',
    question: { en: 'How likely?', ja: 'どのくらい？' },
    labels: { low: 'Never', high: { en: 'Surely' } },
    followUp: { question: 'Why?', detractor: 'What went wrong?', promoter: 'What do you love?', placeholder: 'Optional' },
    triggers: [{ event: 'Feature Used', properties: { first_use: true, feature: ['export', 'share'] }, delaySeconds: 2.5 }, { sessions: 3 }, { daysAfterSignup: 0 }, { url: '/app/*' }, { checklistCompleted: '*' }, { flowCompleted: 'setup' }, { flowAbandoned: '*' }, { friction: 'rage', page: '/billing*' }],
    audience: { traits: { plan: 'pro' }, urls: ['/app/*'], signedUpWithinDays: 30 },
    sampleRate: 0, resurveyAfterDays: 90, afterDismissDays: 0, priority: -3,
  })],
  ['null', null],
  ['array root', []],
  ['empty object', {}],
  ['unknown top-level field', survey({ qustion: 'x' })],
  ['bad id', survey({ id: 'a b' })],
  ['kind unknown', survey({ kind: 'ces2' })],
  ['kind number', survey({ kind: 3 })],
  ['kind unknown with buckets', survey({ kind: 'x', followUp: { low: 'x' } })],
  ['question empty', survey({ question: '' })],
  ['question {}', survey({ question: {} })],
  ['question missing', { id: 'a', kind: 'nps', triggers: [{ event: 'X' }] }],
  ['labels bad', survey({ labels: { low: '', middle: 'x' } })],
  ['labels string', survey({ labels: 'x' })],
  ['followUp string', survey({ followUp: 'Why?' })],
  ['followUp unknown', survey({ followUp: { why: 'x' } })],
  ['followUp wrong bucket for nps', survey({ followUp: { low: 'x', high: 'y' } })],
  ['followUp wrong bucket for csat', survey({ kind: 'csat', followUp: { promoter: 'x', low: 'y' } })],
  ['followUp bad text and wrong bucket', survey({ kind: 'ces', followUp: { question: '', detractor: 'x' } })],
  ['followUp csat buckets fine', survey({ kind: 'csat', followUp: { low: 'x', neutral: 'y', high: 'z' } })],
  ['triggers missing', { id: 'a', kind: 'nps', question: 'Q' }],
  ['triggers empty', survey({ triggers: [] })],
  ['triggers too many', survey({ triggers: Array.from({ length: 11 }, () => ({ event: 'X' })) })],
  ['triggers too many with a bad one', survey({ triggers: Array.from({ length: 11 }, (_, i) => (i ? { event: 'X' } : {})) })],
  ['trigger not object', trig('X')],
  ['trigger empty', trig({})],
  ['trigger two kinds', trig({ event: 'X', url: '/a' })],
  ['trigger unknown field', trig({ event: 'X', when: 1 })],
  ['trigger properties without event', trig({ url: '/a', properties: { a: 1 } })],
  ['trigger page without friction', trig({ event: 'X', page: '/a' })],
  ['sessions 0', trig({ sessions: 0 })],
  ['sessions 1.5', trig({ sessions: 1.5 })],
  ['sessions string', trig({ sessions: '3' })],
  ['days negative', trig({ daysAfterSignup: -1 })],
  ['days infinite', trig({ daysAfterSignup: Infinity })],
  ['friction unknown', trig({ friction: 'error' })],
  ['friction unknown and page', trig({ friction: 'error', page: '/a' })],
  ['delay negative', trig({ event: 'X', delaySeconds: -1 })],
  ['delay too long', trig({ event: 'X', delaySeconds: 3601 })],
  ['delay string', trig({ event: 'X', delaySeconds: '5' })],
  ['flowAbandoned empty', trig({ flowAbandoned: '' })],
  ['delay only', trig({ delaySeconds: 3 })],
  ['sample rate above 1', survey({ sampleRate: 1.5 })],
  ['sample rate string', survey({ sampleRate: '50%' })],
  ['resurvey negative', survey({ resurveyAfterDays: -5 })],
  ['dismiss null', survey({ afterDismissDays: null })],
  ['priority fraction', survey({ priority: 1.5 })],
  ['audience bad', survey({ audience: { signedUpWithinDays: 0, plan: 'x' } })],
];

const sorted = (x: [string, string][]) => [...x].sort((a, b) => (a.join('\0') < b.join('\0') ? -1 : 1));

describe('the SDK checks surveys like the zod schema', () => {
  it.each(TABLE)('%s', (_, input) => {
    const zodSays = validateDefinition('survey', input).errors.map((e) => [e.path, e.message] as [string, string]);
    expect(sorted(validateSurvey(input))).toEqual(sorted(zodSays));
  });

  it('rejects each bad input of the table (the table is not all valid)', () => {
    for (const [name, input] of TABLE) expect(validateSurvey(input).length == 0, name).toBe(/valid|fine/.test(name));
  });

  it('uses the same texts, kinds and buckets', () => {
    const { bucket, ...texts } = SURVEY_EXPECTED;
    const { bucket: schemaBucket, ...schemaTexts } = SCHEMA_EXPECTED;
    expect(texts).toEqual(schemaTexts);
    expect(bucket('csat')).toBe(schemaBucket('csat'));
    expect(TRIGGER_KINDS).toEqual(SCHEMA_KINDS);
    expect(SURVEY_BUCKETS).toEqual(SCHEMA_BUCKETS);
  });
});
