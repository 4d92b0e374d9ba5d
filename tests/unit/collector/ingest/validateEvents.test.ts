// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { MAX_EVENT_BYTES } from '@sabu/schema/limits';
import { validateEvents } from '../../../../packages/collector/src/ingest/validateEvents.js';

const track = (o: object = {}) => ({ type: 'track', event: 'E', messageId: 'm1', timestamp: '2026-01-01T00:00:00Z', anonymousId: 'a', ...o });

describe('validateEvents', () => {
  it('keeps valid events and names the index and field of invalid ones', () => {
    const r = validateEvents([track(), track({ anonymousId: '' }), 'nope', track({ properties: 5 })]);
    expect(r.valid).toHaveLength(1);
    expect(r.invalid.map((p) => [p.index, p.field])).toEqual([[1, 'anonymousId'], [2, ''], [3, 'properties']]);
  });
  it('flags the first event over MAX_EVENT_BYTES, at the boundary exactly', () => {
    const base = JSON.stringify(track({ properties: { p: '' } })).length;
    const atLimit = track({ properties: { p: 'x'.repeat(MAX_EVENT_BYTES - base) } });
    const over = track({ properties: { p: 'x'.repeat(MAX_EVENT_BYTES - base + 1) } });
    expect(validateEvents([atLimit]).tooLarge).toBeUndefined();
    expect(validateEvents([atLimit, over]).tooLarge).toEqual({ index: 1, bytes: MAX_EVENT_BYTES + 1 });
  });
});

describe('validateEvents: settling', () => {
  it('names the index and field of an event nested too deep, and keeps the others', () => {
    const deep = JSON.parse('{"a":'.repeat(5000) + '1' + '}'.repeat(5000));
    const r = validateEvents([track(), track({ properties: { x: deep } })]);
    expect(r.valid).toHaveLength(1);
    expect(r.invalid).toEqual([expect.objectContaining({ index: 1, message: expect.stringMatching(/nested deeper than 32 levels/) })]);
    expect(r.invalid[0]!.field).toMatch(/^properties\.x\.a\.a/);
  });
  it('passes events on with lone surrogates replaced by U+FFFD', () => {
    const r = validateEvents([track({ event: 'E\ud800', properties: { ['k\udc00']: 'v\ud800' } })]);
    expect(r.valid[0]).toMatchObject({ event: 'E\ufffd', properties: { 'k\ufffd': 'v\ufffd' } });
  });
});
