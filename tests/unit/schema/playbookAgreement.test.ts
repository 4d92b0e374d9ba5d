// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../../packages/schema/src/index';
import { validatePlaybook } from '../../../packages/sdk/src/guidance/playbook/validatePlaybook';
import { validateChecklist } from '../../../packages/sdk/src/guidance/checklist/validateChecklist';
import { validateSurvey } from '../../../packages/sdk/src/guidance/survey/surveyValidate';

const pb = (over: Record<string, unknown> = {}) => ({ id: 'rage-billing', when: { friction: 'rage', count: 3 }, do: { hint: { selector: '#pay', text: 'Pay here' } }, ...over });
const when = (w: unknown) => pb({ when: w });
const act = (d: unknown) => pb({ do: d });
const xp = (experiment: unknown, base = pb()) => ({ ...base, experiment });

/** Bad (and a few good) playbooks; each must get the same problems from zod and from the SDK. */
const PLAYBOOKS: [string, unknown][] = [
  ['valid minimal', pb()],
  ['valid full', pb({
    $schema: 'https://sabu.dev/schema/playbook.schema.json',
    when: { friction: 'dead', count: 2, withinSeconds: 30.5, page: '/billing/*', element: '#pay' },
    audience: { traits: { plan: 'trial' } }, cooldownHours: 0.5, maxPerUser: 1, priority: -1,
    experiment: { id: 'x1', variants: [{ id: 'control', weight: 2 }, { id: 'ces', weight: 1, overrides: { do: { survey: 'ces' } } }], holdout: 0.1 },
  })],
  ['valid event with properties', when({ event: 'Export Failed', properties: { format: ['csv', 'xlsx'] }, count: 2, withinSeconds: 600, page: '/reports*' })],
  ['valid flow abandoned', when({ flowAbandoned: '*', page: '/setup' })],
  ['valid form abandoned', when({ formAbandoned: 'signup' })],
  ['valid no value', when({ noValueAfterDays: 7 })],
  ['valid feature not used', when({ featureNotUsed: 'export', afterSessions: 5 })],
  ['valid do tour', act({ tour: 'billing-tour', step: 2 })],
  ['valid do checklist item', act({ checklist: 'onboarding', item: 'invite' })],
  ['valid do survey', act({ survey: 'ces-billing' })],
  ['valid do event', act({ event: 'Needs Help', properties: { area: 'billing' } })],
  ['null', null],
  ['array', []],
  ['empty object', {}],
  ['unknown field', pb({ whenn: {} })],
  ['bad id', pb({ id: 'a b' })],
  ['when missing', { id: 'a', do: { survey: 's' } }],
  ['when string', when('rage')],
  ['when empty', when({})],
  ['when two kinds', when({ friction: 'rage', event: 'X' })],
  ['when unknown friction', when({ friction: 'angry' })],
  ['when count 0', when({ friction: 'rage', count: 0 })],
  ['when count fraction', when({ event: 'X', count: 1.5 })],
  ['when count too big', when({ event: 'X', count: 101 })],
  ['when count string', when({ event: 'X', count: '3' })],
  ['when window 0', when({ friction: 'rage', withinSeconds: 0 })],
  ['when window too long', when({ friction: 'rage', withinSeconds: 86_401 })],
  ['when count on a flow', when({ flowAbandoned: '*', count: 2, withinSeconds: 5 })],
  ['when element without friction', when({ event: 'X', element: '#a' })],
  ['when properties without event', when({ friction: 'rage', properties: { a: 1 } })],
  ['when page on no value', when({ noValueAfterDays: 3, page: '/a' })],
  ['when no value 0', when({ noValueAfterDays: 0 })],
  ['when feature without sessions', when({ featureNotUsed: 'export' })],
  ['when sessions without feature', when({ event: 'X', afterSessions: 3 })],
  ['when sessions 0', when({ featureNotUsed: 'x', afterSessions: 0 })],
  ['when unknown field', when({ friction: 'rage', times: 3 })],
  ['do missing', { id: 'a', when: { event: 'X' } }],
  ['do empty', act({})],
  ['do two kinds', act({ survey: 's', event: 'E' })],
  ['do hint without text', act({ hint: { selector: '#a' } })],
  ['do hint empty selector', act({ hint: { selector: '', text: { en: '' } } })],
  ['do step without tour', act({ survey: 's', step: 1 })],
  ['do step negative', act({ tour: 't', step: -1 })],
  ['do item without checklist', act({ survey: 's', item: 'a' })],
  ['do properties without event', act({ survey: 's', properties: { a: 1 } })],
  ['do bad tour id', act({ tour: 'a b' })],
  ['cooldown negative', pb({ cooldownHours: -1 })],
  ['cap 0', pb({ maxPerUser: 0 })],
  ['cap fraction', pb({ maxPerUser: 2.5 })],
  ['priority string', pb({ priority: 'high' })],
  ['audience bad', pb({ audience: { urls: [] } })],
  ['experiment not object', xp('ab')],
  ['experiment no variants', xp({ id: 'e', variants: [] })],
  ['experiment too many variants', xp({ id: 'e', variants: Array.from({ length: 11 }, (_, i) => ({ id: 'v' + i })) })],
  ['experiment holdout above 1', xp({ id: 'e', variants: [{ id: 'a' }], holdout: 1.5 })],
  ['experiment holdout string', xp({ id: 'e', variants: [{ id: 'a' }], holdout: '10%' })],
  ['experiment weight negative', xp({ id: 'e', variants: [{ id: 'a', weight: -1 }] })],
  ['experiment all weights 0', xp({ id: 'e', variants: [{ id: 'a', weight: 0 }, { id: 'b', weight: 0 }] })],
  ['experiment duplicate variant', xp({ id: 'e', variants: [{ id: 'a' }, { id: 'a' }] })],
  ['experiment variant named holdout', xp({ id: 'e', variants: [{ id: 'holdout' }] })],
  ['experiment variant unknown field', xp({ id: 'e', variants: [{ id: 'a', share: 1 }] })],
  ['experiment overrides array', xp({ id: 'e', variants: [{ id: 'a', overrides: [] }] })],
  ['experiment overrides id', xp({ id: 'e', variants: [{ id: 'a', overrides: { id: 'other', experiment: {} } }] })],
  ['experiment override invalid', xp({ id: 'e', variants: [{ id: 'c' }, { id: 'b', overrides: { do: { hint: { selector: '' } } } }] })],
  ['experiment override unknown field', xp({ id: 'e', variants: [{ id: 'b', overrides: { dos: 1, maxPerUser: 0 } }] })],
  ['experiment override fine', xp({ id: 'e', variants: [{ id: 'b', overrides: { when: { friction: 'dead' }, cooldownHours: 1 } }] })],
];

const checklist = (over: Record<string, unknown> = {}) => ({ id: 'c', title: 'T', items: [{ id: 'a', title: 'A', completeWhen: { event: 'X' } }], ...over });
const survey = (over: Record<string, unknown> = {}) => ({ id: 'nps', kind: 'nps', question: 'Q?', triggers: [{ event: 'X' }], ...over });
const OTHERS: [string, 'checklist' | 'survey', unknown][] = [
  ['valid checklist experiment', 'checklist', checklist({ experiment: { id: 'short', variants: [{ id: 'control' }, { id: 'short', overrides: { title: 'Go' } }], holdout: 0.2 } })],
  ['checklist override empty items', 'checklist', checklist({ experiment: { id: 'e', variants: [{ id: 'a', overrides: { items: [] } }] } })],
  ['checklist override bad item', 'checklist', checklist({ experiment: { id: 'e', variants: [{ id: 'a', overrides: { items: [{ id: 'a', title: '' }] } }] } })],
  ['valid survey experiment', 'survey', survey({ experiment: { id: 'q', variants: [{ id: 'a' }, { id: 'b', overrides: { question: 'Would you?' } }] } })],
  ['survey override bad kind', 'survey', survey({ experiment: { id: 'q', variants: [{ id: 'b', overrides: { kind: 'x' } }] } })],
  ['survey bad experiment', 'survey', survey({ experiment: { variants: [{ id: 'b' }] } })],
];
const HAND = { checklist: validateChecklist, survey: validateSurvey };

const sorted = (x: [string, string][]) => [...x].sort((a, b) => (a.join('\0') < b.join('\0') ? -1 : 1));
const zodSays = (kind: string, input: unknown) => validateDefinition(kind, input).errors.map((e) => [e.path, e.message] as [string, string]);

describe('the SDK checks playbooks and experiments like the zod schemas', () => {
  it.each(PLAYBOOKS)('playbook: %s', (_, input) => {
    expect(sorted(validatePlaybook(input))).toEqual(sorted(zodSays('playbook', input)));
  });

  it.each(OTHERS)('%s', (_, kind, input) => {
    expect(sorted(HAND[kind](input))).toEqual(sorted(zodSays(kind, input)));
  });

  it('rejects each bad input of the tables (the tables are not all valid)', () => {
    for (const [name, input] of PLAYBOOKS) expect(validatePlaybook(input).length == 0, name).toBe(/^valid|fine$/.test(name));
    for (const [name, kind, input] of OTHERS) expect(HAND[kind](input).length == 0, name).toBe(/^valid|fine$/.test(name));
  });

  it('names the override path of a variant whose definition is invalid', () => {
    expect(validatePlaybook(PLAYBOOKS.find(([n]) => n == 'experiment override invalid')![1])).toEqual([
      ['experiment.variants[1].overrides.do.hint.selector', 'expected a non-empty string'],
      ['experiment.variants[1].overrides.do.hint.text', 'expected a non-empty string, or an object of them by locale such as {"en": "…", "ja": "…"}'],
    ]);
  });
});
