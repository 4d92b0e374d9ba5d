import { describe, expect, it } from 'vitest';
import { incomingMessageSchema, messageSchema } from '@sabu/schema';

/** What collectors accept (Segment spec) vs what Sabu's SDK sends (issue 18). */
const base = { messageId: 'm-1', timestamp: '2026-01-05T10:00:00.000Z' };
const issues = (v: unknown) => {
  const r = incomingMessageSchema.safeParse(v);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('incomingMessageSchema', () => {
  it('accepts a userId, an anonymousId, or both; null counts as absent', () => {
    expect(issues({ ...base, type: 'track', event: 'Paid', userId: 'u' })).toEqual([]);
    expect(issues({ ...base, type: 'track', event: 'Paid', anonymousId: 'a' })).toEqual([]);
    expect(issues({ ...base, type: 'identify', anonymousId: 'a', userId: null })).toEqual([]);
    expect(issues({ ...base, type: 'page', userId: 'u', name: null })).toEqual([]);
  });

  it('refuses an event with neither id, naming anonymousId', () => {
    for (const ids of [{}, { userId: null, anonymousId: null }]) {
      expect(issues({ ...base, type: 'track', event: 'X', ...ids })).toEqual(['anonymousId: send a userId or an anonymousId (at least one)']);
    }
    expect(issues({ ...base, type: 'track', event: 'X', userId: '' })[0]).toMatch(/^userId/);
  });

  it('takes alias (previousId and userId required) and screen', () => {
    expect(issues({ ...base, type: 'alias', previousId: 'anon-1', userId: 'u' })).toEqual([]);
    expect(issues({ ...base, type: 'alias', userId: 'u' }).map((s) => s.split(':')[0])).toEqual(['previousId']);
    expect(issues({ ...base, type: 'alias', previousId: 'anon-1', anonymousId: 'anon-1' }).map((s) => s.split(':')[0])).toEqual(['userId']);
    expect(issues({ ...base, type: 'screen', userId: 'u', name: 'Home', properties: { tab: 1 } })).toEqual([]);
  });

  it('lets a hand-written call leave out messageId and timestamp, but checks them when present', () => {
    expect(issues({ type: 'track', event: 'X', userId: 'u' })).toEqual([]);
    expect(issues({ type: 'track', event: 'X', userId: 'u', timestamp: 'yesterday' }).map((s) => s.split(':')[0])).toEqual(['timestamp']);
    expect(issues({ type: 'track', event: 'X', userId: 'u', messageId: '' }).map((s) => s.split(':')[0])).toEqual(['messageId']);
  });

  it("takes a partial context.page / screen / library (server libraries), still typed, other context fields kept", () => {
    expect(issues({ ...base, type: 'page', userId: 'u', context: { page: { path: '/pricing' }, screen: { width: 390 }, library: { name: 'analytics-python' }, ip: '10.0.0.1' } })).toEqual([]);
    expect(issues({ ...base, type: 'page', userId: 'u', context: { page: { path: 5 } } }).map((s) => s.split(':')[0])).toEqual(['context.page.path']);
    const r = incomingMessageSchema.parse({ ...base, type: 'track', event: 'X', userId: 'u', context: { device: { type: 'server' } } });
    expect(r.context).toEqual({ device: { type: 'server' } });
  });

  it('drops integrations and _metadata', () => {
    const r = incomingMessageSchema.parse({ ...base, type: 'track', event: 'X', userId: 'u', integrations: { All: true }, _metadata: { bundled: [] } });
    expect(r).not.toHaveProperty('integrations');
    expect(r).not.toHaveProperty('_metadata');
  });

  it("accepts everything Sabu's own messageSchema accepts, and the SDK's schema still requires anonymousId", () => {
    const sdk = { ...base, type: 'track', event: 'X', anonymousId: 'a', userId: 'u', context: { library: { name: 'sabu', version: '1' } } };
    expect(messageSchema.safeParse(sdk).success).toBe(true);
    expect(issues(sdk)).toEqual([]);
    expect(messageSchema.safeParse({ ...base, type: 'track', event: 'X', userId: 'u' }).success).toBe(false);
  });
});
