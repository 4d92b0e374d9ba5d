import { z } from 'zod';
import type { IncomingMessage } from '@sabu/schema';
import { MAX_ID_LENGTH, MAX_MESSAGE_ID_LENGTH, MAX_NAME_LENGTH } from '@sabu/schema/limits';

/**
 * The fast path of event validation (issue 16): a hand-written reading of the messages
 * `incomingMessageSchema` accepts in their common forms, about 6× cheaper than zod's
 * generic walk. It returns what the schema's `parse` would (the same values; `context` and
 * its nested objects rebuilt in the schema's key order, unknown keys after, so the stored
 * JSON text is identical), or undefined whenever it cannot vouch for the message: anything
 * invalid, and valid but rare shapes (a `__proto__` key, which zod drops). The caller then
 * asks zod, so every error message, and every decision on an unusual message, is zod's.
 * tests/unit/collector/ingest/readWellFormedMessage.test.ts checks with fast-check that
 * whatever this accepts zod accepts with the same result.
 */
export function readWellFormedMessage(item: unknown): IncomingMessage | undefined {
  if (!isObject(item)) return undefined;
  const read = BY_TYPE.get(item.type as string);
  const m = read?.(item);
  if (m === FAIL || m === undefined) return undefined;
  const { anonymousId, userId } = m as { anonymousId?: unknown; userId?: unknown };
  // The schema's refinement: at least one of the two ids.
  if (anonymousId == null && userId == null) return undefined;
  return m as IncomingMessage;
}

/** A rule returns the value as the schema outputs it, or FAIL. */
const FAIL = Symbol('fail');
type Rule = (v: unknown) => unknown;
type Field = readonly [key: string, rule: Rule, required?: 'required'];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v == 'object' && v !== null && !Array.isArray(v);

const text =
  (min: number, max: number): Rule =>
  (v) =>
    typeof v == 'string' && v.length >= min && v.length <= max ? v : FAIL;
const anyText: Rule = (v) => (typeof v == 'string' ? v : FAIL);
const finite: Rule = (v) => (typeof v == 'number' && Number.isFinite(v) ? v : FAIL);
const nullish =
  (rule: Rule): Rule =>
  (v) =>
    v === null ? null : rule(v);
const ISO_DATETIME = z.regexes.datetime({ offset: true });
const datetime: Rule = (v) => (typeof v == 'string' && ISO_DATETIME.test(v) ? v : FAIL);
/**
 * `z.record(z.string(), z.unknown())` copies the object's own keys in order, dropping a
 * `__proto__` key: without one, the object itself serialises the same.
 */
const record: Rule = (v) => (isObject(v) && Object.getPrototypeOf(v) === Object.prototype && !Object.hasOwn(v, '__proto__') ? v : FAIL);

/**
 * `z.object`: the fields in the shape's order, then (`loose`) unknown keys in input
 * order; `strip` drops unknown keys. A required field missing fails.
 */
function object(fields: readonly Field[], extra: 'loose' | 'strip'): Rule {
  const known = new Set(fields.map((f) => f[0]));
  return (v) => {
    if (!isObject(v)) return FAIL;
    const out: Record<string, unknown> = {};
    for (const [key, rule, required] of fields) {
      if (!Object.hasOwn(v, key)) {
        if (required) return FAIL;
        continue;
      }
      const x = rule(v[key]);
      if (x === FAIL) return FAIL;
      out[key] = x;
    }
    if (extra == 'loose') {
      for (const key in v) {
        if (known.has(key)) continue;
        // zod skips it; assigning it here would set the prototype. Left to zod.
        if (key == '__proto__') return FAIL;
        out[key] = v[key];
      }
    }
    return out;
  };
}

const strings = (keys: string[]): Field[] => keys.map((k) => [k, anyText] as const);

/** incoming.ts `incomingContext`: contextSchema's fields, page / screen / library partial and loose. */
const context = object(
  [
    ['page', object(strings(['url', 'path', 'search', 'referrer', 'title']), 'loose')],
    ['locale', anyText],
    ['timezone', anyText],
    ['screen', object([['width', finite], ['height', finite], ['density', finite]], 'loose')],
    ['userAgent', anyText],
    ['campaign', object(strings(['name', 'source', 'medium', 'term', 'content']), 'strip')],
    ['library', object(strings(['name', 'version']), 'loose')],
    ['sessionId', anyText],
    ['groupId', anyText],
  ],
  'loose',
);

const id = text(1, MAX_ID_LENGTH);
/** Every incoming message: base (event.ts) with incoming.ts `ids` over it. */
const common = (type: string): Field[] => [
  ['type', (v) => (v === type ? v : FAIL), 'required'],
  ['messageId', text(1, MAX_MESSAGE_ID_LENGTH)],
  ['timestamp', datetime],
  ['anonymousId', nullish(id)],
  ['userId', nullish(id)],
  ['context', context],
  ['sentAt', datetime],
];
const pageName = nullish(text(0, MAX_NAME_LENGTH));

const BY_TYPE = new Map<string, Rule>([
  ['track', object([...common('track'), ['event', text(1, MAX_NAME_LENGTH), 'required'], ['properties', record]], 'strip')],
  ['identify', object([...common('identify'), ['traits', record]], 'strip')],
  ['group', object([...common('group'), ['groupId', id, 'required'], ['traits', record]], 'strip')],
  ['page', object([...common('page'), ['name', pageName], ['properties', record]], 'strip')],
  ['screen', object([...common('screen'), ['name', pageName], ['properties', record]], 'strip')],
  [
    'alias',
    object([...common('alias').filter((f) => f[0] != 'userId'), ['userId', id, 'required'], ['previousId', id, 'required'], ['traits', record]], 'strip'),
  ],
]);
