// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { EXPECTED as SCHEMA_EXPECTED, MAX_ITEMS as SCHEMA_MAX_ITEMS, checklistSchema, formatPath } from '../../../packages/schema/src/index';
import { MAX_ITEMS, validateChecklist } from '../../../packages/sdk/src/guidance/checklist/validateChecklist';
import { EXPECTED } from '../../../packages/sdk/src/guidance/shared/validateRules';

const item = (over: Record<string, unknown> = {}) => ({ id: 'a', title: 'A', completeWhen: { event: 'X' }, ...over });
const list = (over: Record<string, unknown> = {}) => ({ id: 'c', title: 'C', items: [item()], ...over });
const cond = (completeWhen: unknown) => list({ items: [item({ completeWhen })] });

/** Bad (and a few good) inputs; each must get the same problems from zod and from the SDK. */
const TABLE: [string, unknown][] = [
  ['valid minimal', list()],
  ['null', null],
  ['array root', []],
  ['number root', 42],
  ['missing everything', {}],
  ['unknown top-level field', list({ titel: 'x' })],
  ['bad id', list({ id: 'has space' })],
  ['long id', list({ id: 'x'.repeat(65) })],
  ['version 0', list({ version: 0 })],
  ['version 1.5', list({ version: 1.5 })],
  ['$schema number', list({ $schema: 3 })],
  ['title number', list({ title: 3 })],
  ['title empty', list({ title: '' })],
  ['title {}', list({ title: {} })],
  ['title en empty', list({ title: { en: '', ja: 'x' } })],
  ['title en number', list({ title: { en: 3, ja: '' } })],
  ['title array', list({ title: ['x'] })],
  ['autoOpen string', list({ autoOpen: 'yes' })],
  ['items missing', { id: 'c', title: 'C' }],
  ['items empty', list({ items: [] })],
  ['items too many', list({ items: Array.from({ length: 21 }, (_, i) => item({ id: 'i' + i })) })],
  ['item not object', list({ items: [1] })],
  ['item unknown field', list({ items: [item({ extra: 1, other: 2 })] })],
  ['item id missing', list({ items: [{ title: 'A', completeWhen: { event: 'X' } }] })],
  ['item optional string', list({ items: [item({ optional: 'no' })] })],
  ['duplicate ids', list({ items: [item(), item()] })],
  ['dependsOn later', list({ items: [item({ dependsOn: ['b'] }), item({ id: 'b' })] })],
  ['dependsOn self', list({ items: [item({ dependsOn: ['a'] })] })],
  ['dependsOn not array', list({ items: [item({ dependsOn: 'a' })] })],
  ['dependsOn empty string', list({ items: [item({ dependsOn: [''] })] })],
  ['dependsOn ok', list({ items: [item(), item({ id: 'b', dependsOn: ['a'] })] })],
  ['duplicate + field error', list({ items: [item(), item({ title: 3 })] })],
  ['condition empty', cond({})],
  ['condition two kinds', cond({ event: 'X', url: '/y' })],
  ['condition two kinds + bad field', cond({ event: 'X', url: '' })],
  ['condition unknown field', cond({ event: 'X', prop: {} })],
  ['condition not object', cond('X')],
  ['event empty', cond({ event: '' })],
  ['event number', cond({ event: 1 })],
  ['properties without event', cond({ url: '/x', properties: { a: 1 } })],
  ['properties not object', cond({ event: 'X', properties: [1] })],
  ['property value object', cond({ event: 'X', properties: { a: {} } })],
  ['property value array with object', cond({ event: 'X', properties: { a: [1, {}] } })],
  ['property values fine', cond({ event: 'X', properties: { a: [1, 'b', null, true], b: null } })],
  ['equals without trait', cond({ event: 'X', equals: 1 })],
  ['trait with equals', cond({ trait: 'plan', equals: ['a', 'b'] })],
  ['all empty', cond({ all: [] })],
  ['any not array', cond({ any: { event: 'X' } })],
  ['nested bad', cond({ all: [{ event: 'X' }, { any: [{ click: '' }, { visible: 3 }, {}] }] })],
  ['only an unknown field', cond({ extra: 1 })],
  ['unknown field and two kinds', cond({ event: 'X', url: '/y', extra: 1 })],
  ['version -1', list({ version: -1 })],
  ['version infinite', list({ version: Infinity })],
  ['days infinite', list({ audience: { signedUpWithinDays: Infinity } })],
  ['too many items and a bad one', list({ items: Array.from({ length: 21 }, (_, i) => item({ id: 'i' + i, title: i ? 'x' : 5 })) })],
  ['too many items and an empty title', list({ items: Array.from({ length: 21 }, (_, i) => item({ id: 'i' + i, title: i ? 'x' : '' })) })],
  ['text with empty and missing locale values', list({ title: { en: '', ja: '' }, description: { en: 'x' } })],
  ['nested unknown', cond({ any: [{ event: 'X', extra: 1 }] })],
  ['action both', list({ items: [item({ action: { url: '/a', selector: '#b' } })] })],
  ['action none', list({ items: [item({ action: {} })] })],
  ['action javascript url', list({ items: [item({ action: { url: 'javascript:alert(1)' } })] })],
  ['action data url', list({ items: [item({ action: { url: 'data:text/html,x' } })] })],
  ['action javascript url with a tab', list({ items: [item({ action: { url: 'java\tscript:alert(1)' } })] })],
  ['action javascript url with a newline', list({ items: [item({ action: { url: 'java\nscript:alert(1)' } })] })],
  ['action javascript url after a control character', list({ items: [item({ action: { url: '\u0001javascript:alert(1)' } })] })],
  ['action relative ok', list({ items: [item({ action: { url: 'settings?tab=1', newTab: true } })] })],
  ['action hint with url', list({ items: [item({ action: { url: '/a', hint: 'x' } })] })],
  ['action bad hint', list({ items: [item({ action: { selector: '#a', hint: '' } })] })],
  ['audience not object', list({ audience: 'all' })],
  ['audience unknown', list({ audience: { plan: 'x' } })],
  ['audience urls empty', list({ audience: { urls: [] } })],
  ['audience urls bad item', list({ audience: { urls: ['/a', ''], excludeUrls: 'x' } })],
  ['audience days', list({ audience: { signedUpWithinDays: 0 } })],
  ['audience days string', list({ audience: { signedUpWithinDays: '7' } })],
  ['audience traits bad', list({ audience: { traits: { plan: { in: [1] } } } })],
  ['audience fine', list({ audience: { traits: { plan: ['trial'] }, urls: ['/app/*'], signedUpWithinDays: 14.5 } })],
];

const sorted = (x: [string, string][]) => [...x].sort((a, b) => (a.join('\0') < b.join('\0') ? -1 : 1));

describe('the SDK checks checklists like the zod schema', () => {
  it.each(TABLE)('%s', (_, input) => {
    // One definition against one definition: a list (several checklists) is checked item by item.
    const r = checklistSchema.safeParse(input);
    const zodSays = r.success ? [] : r.error.issues.map((e) => [formatPath(e.path), e.message] as [string, string]);
    expect(sorted(validateChecklist(input))).toEqual(sorted(zodSays));
  });

  it('rejects each bad input of the table (the table is not all valid)', () => {
    const bad = TABLE.filter(([name]) => !/ok$|fine$|valid|with equals/.test(name));
    for (const [name, input] of bad) expect(validateChecklist(input).length, name).toBeGreaterThan(0);
  });

  it('uses the same texts and limits', () => {
    expect(EXPECTED).toEqual(SCHEMA_EXPECTED);
    expect(MAX_ITEMS).toBe(SCHEMA_MAX_ITEMS);
  });
});
