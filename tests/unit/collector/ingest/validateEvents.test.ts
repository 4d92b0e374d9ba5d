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
