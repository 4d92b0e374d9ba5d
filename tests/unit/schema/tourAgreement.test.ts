// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../../packages/schema/src/index';
import { validateGuide, validateTour } from '../../../packages/sdk/src/guidance/tour/validateTour';

const tour = (over: Record<string, unknown> = {}) => ({ id: 'welcome', steps: [{ id: 'a', text: 'Hi' }], ...over });
const step = (s: Record<string, unknown>) => tour({ steps: [{ id: 'a', text: 'Hi', ...s }] });
const guide = (over: Record<string, unknown> = {}) => ({ id: 'g', kind: 'banner', text: 'Hi', ...over });

/** Bad (and a few good) inputs; each must get the same problems from zod and from the SDK. */
const TOURS: [string, unknown][] = [
  ['valid minimal', tour()],
  ['valid experiment', tour({ experiment: { id: 'short-tour', variants: [{ id: 'control' }, { id: 'short', overrides: { steps: [{ id: 'b', text: 'Yo' }] } }], holdout: 0.2 } })],
  ['experiment variant with no steps', tour({ experiment: { id: 'x', variants: [{ id: 'a', overrides: { steps: [] } }] } })],
  ['experiment variant with a bad step and an unknown field', tour({ experiment: { id: 'x', variants: [{ id: 'a', overrides: { steps: [{ id: 'b' }], colour: 'red' } }] } })],
  ['experiment bad', tour({ experiment: { id: 'x', variants: [{ id: 'holdout', weight: -1 }], holdout: 2 } })],
  ['valid full', tour({
    $schema: 'https://sabu.dev/schema/tour.schema.json',
    triggers: [{ requested: true }, { event: 'Signed Up', properties: { plan: 'pro' }, delaySeconds: 1 }, { url: '/app/*' }, { sessions: 2 }],
    audience: { traits: { role: ['admin'] }, urls: ['/app/*'], signedUpWithinDays: 7 },
    priority: -1, spotlight: true, onMissing: 'end', anchorTimeoutSeconds: 0,
    steps: [
      { id: 'a', title: { en: 'Hi', ja: 'やあ' }, text: '**Bold** [link](https://a.example)' },
      { id: 'b', text: 'x', anchor: '#b', placement: 'left', advance: 'click', spotlight: false, onMissing: 'skip', url: '/app' },
      { id: 'c', text: 'x', anchor: '#c', advanceWhen: { any: [{ event: 'X' }, { url: '/done' }] } },
    ],
  })],
  ['null', null],
  ['array', []],
  ['empty', {}],
  ['unknown field', tour({ stpes: [] })],
  ['bad id', tour({ id: 'a b' })],
  ['steps missing', { id: 'a' }],
  ['steps empty', tour({ steps: [] })],
  ['steps too many', tour({ steps: Array.from({ length: 31 }, (_, i) => ({ id: 's' + i, text: 'x' })) })],
  ['step not object', tour({ steps: ['x'] })],
  ['step text empty', step({ text: '' })],
  ['step text {}', step({ text: {} })],
  ['step text missing and unknown', tour({ steps: [{ id: 'a', body: 'x' }] })],
  ['placement without anchor', step({ placement: 'top' })],
  ['placement bad', step({ anchor: '#a', placement: 'middle' })],
  ['click without anchor', step({ advance: 'click' })],
  ['advance bad', step({ advance: 'tap' })],
  ['advance object', step({ advance: { event: 'X' } })],
  ['advanceWhen two kinds', step({ advanceWhen: { event: 'X', url: '/a' } })],
  ['advanceWhen not object', step({ advanceWhen: 'X' })],
  ['spotlight string', step({ spotlight: 'yes' })],
  ['onMissing bad', tour({ onMissing: 'wait' })],
  ['duplicate step ids', tour({ steps: [{ id: 'a', text: 'x' }, { id: 'a', text: 'y' }] })],
  ['duplicate ids with a bad step', tour({ steps: [{ id: 'a', text: 'x' }, { id: 'a', text: 5 }] })],
  ['duplicate ids with a soft problem', tour({ steps: [{ id: 'a', text: '' }, { id: 'a', text: 'y' }] })],
  ['timeout too long', tour({ anchorTimeoutSeconds: 121 })],
  ['timeout string', tour({ anchorTimeoutSeconds: '5' })],
  ['priority fraction', tour({ priority: 0.5 })],
  ['triggers empty', tour({ triggers: [] })],
  ['trigger requested false', tour({ triggers: [{ requested: false }] })],
  ['trigger requested and url', tour({ triggers: [{ requested: true, url: '/a' }] })],
  ['trigger empty', tour({ triggers: [{}] })],
  ['trigger page without friction', tour({ triggers: [{ event: 'X', page: '/a' }] })],
  ['audience bad', tour({ audience: { urls: [] } })],
];

const GUIDES: [string, unknown][] = [
  ['valid banner', guide({ position: 'bottom', inline: true, action: { label: 'Go', url: '/go' }, triggers: [{ url: '/app' }], priority: 3 })],
  ['valid hotspot', guide({ kind: 'hotspot', anchor: '#a', placement: 'right', title: 'New' })],
  ['valid announcement', guide({ kind: 'announcement', action: { label: { en: 'Tour' }, tour: 'welcome' } })],
  ['null', null],
  ['kind missing', { id: 'g', text: 'x' }],
  ['kind bad', guide({ kind: 'popup' })],
  ['kind bad and position', guide({ kind: 'popup', position: 'top' })],
  ['hotspot without anchor', guide({ kind: 'hotspot' })],
  ['banner with anchor and placement', guide({ anchor: '#a', placement: 'top' })],
  ['announcement position inline', guide({ kind: 'announcement', position: 'top', inline: false })],
  ['position bad', guide({ position: 'left' })],
  ['inline string', guide({ inline: 'yes' })],
  ['action unsafe url', guide({ action: { label: 'x', url: 'javascript:alert(1)' } })],
  ['action both', guide({ action: { label: 'x', url: '/a', tour: 'b' } })],
  ['action neither', guide({ action: { label: 'x' } })],
  ['action bad tour id', guide({ action: { label: '', tour: 'a b' } })],
  ['text empty', guide({ text: '' })],
  ['unknown field', guide({ body: 'x' })],
];

const sorted = (x: [string, string][]) => [...x].sort((a, b) => (a.join('\0') < b.join('\0') ? -1 : 1));
const zodSays = (kind: string, input: unknown) => validateDefinition(kind, input).errors.map((e) => [e.path, e.message] as [string, string]);

describe('the SDK checks tours and guides like the zod schemas', () => {
  it.each(TOURS)('tour: %s', (_, input) => expect(sorted(validateTour(input))).toEqual(sorted(zodSays('tour', input))));
  it.each(GUIDES)('guide: %s', (_, input) => expect(sorted(validateGuide(input))).toEqual(sorted(zodSays('guide', input))));

  it('rejects each bad input of the tables (the tables are not all valid)', () => {
    for (const [name, input] of TOURS) expect(validateTour(input).length == 0, name).toBe(name.startsWith('valid'));
    for (const [name, input] of GUIDES) expect(validateGuide(input).length == 0, name).toBe(name.startsWith('valid'));
  });
});
