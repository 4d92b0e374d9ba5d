import { describe, expect, it } from 'vitest';
import { buildBody } from '../../../../packages/sdk/src/core/formats';
import { posthog } from '../../../../packages/sdk/src/posthog';

const ctx = { page: { url: 'https://app.example/a', path: '/a', referrer: '' }, sessionId: 's1', library: { name: 'sabu', version: '1.0.0' } };
const msgs = [
  { type: 'track', event: 'Report Created', properties: { rows: 3 }, messageId: 'm1', timestamp: 't1', anonymousId: 'a1', userId: 'u1', context: ctx },
  { type: 'page', name: 'Home', properties: { path: '/a' }, messageId: 'm2', timestamp: 't2', anonymousId: 'a1', context: ctx },
  { type: 'identify', traits: { plan: 'pro' }, messageId: 'm3', timestamp: 't3', anonymousId: 'a1', userId: 'u1', context: ctx },
  { type: 'group', groupId: 'acme', traits: { seats: 5 }, messageId: 'm4', timestamp: 't4', anonymousId: 'a1', userId: 'u1', context: { ...ctx, groupId: 'acme' } },
];
const serialised = msgs.map((m) => JSON.stringify(m));

describe('buildBody', () => {
  it('segment: joins the stored strings into { batch, sentAt, writeKey } without re-serialising', () => {
    const body = JSON.parse(buildBody('segment', serialised, 'wk"1', '2026-01-01T00:00:00.000Z'));
    expect(body).toEqual({ batch: msgs, sentAt: '2026-01-01T00:00:00.000Z', writeKey: 'wk"1' });
  });

  it('posthog: maps to /batch events with distinct_id, uuid and $-events', () => {
    const body = JSON.parse(buildBody(posthog, serialised, 'phc_key', 'now'));
    expect(body.api_key).toBe('phc_key');
    expect(body.batch.map((e: any) => [e.event, e.uuid, e.properties.distinct_id])).toEqual([
      ['Report Created', 'm1', 'u1'],
      ['$pageview', 'm2', 'a1'],
      ['$identify', 'm3', 'u1'],
      ['$groupidentify', 'm4', 'u1'],
    ]);
    expect(body.batch[0].properties).toMatchObject({ rows: 3, $session_id: 's1', $current_url: 'https://app.example/a' });
    expect(body.batch[2].properties.$set).toEqual({ plan: 'pro' });
    expect(body.batch[3].properties).toMatchObject({ $group_type: 'company', $group_key: 'acme', $group_set: { seats: 5 }, $groups: { company: 'acme' } });
  });

  it('custom: passes parsed messages and meta to the function; strings go as they are', () => {
    const seen: unknown[] = [];
    const out = buildBody((m, meta) => (seen.push(m.length, meta.writeKey), 'ndjson'), serialised, 'wk', 'now');
    expect(out).toBe('ndjson');
    expect(seen).toEqual([4, 'wk']);
    expect(buildBody((m) => ({ events: m.length }), serialised, 'wk', 'now')).toBe('{"events":4}');
  });
});
