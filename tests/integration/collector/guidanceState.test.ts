// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { ORIGIN, WRITE_KEY, ev, ingest, startTestCollector, type TestCollector } from './helpers.js';

/** POST /v1/state: a user's guidance state, only for a valid identity signature. */
const SECRET = 'idsec_test_0123456789abcdef';
const OLD_SECRET = 'idsec_old_0123456789abcdef';
const T = Date.parse('2026-02-01T10:00:00Z');
// What the host's backend computes (docs/collector.md): hex HMAC-SHA256 of the user id.
const sign = (userId: string, secret = SECRET) => createHmac('sha256', secret).update(userId).digest('hex');

let c: TestCollector;
let plain: TestCollector;
const state = (body: Record<string, unknown>, to = c, headers: Record<string, string> = {}) =>
  fetch(`${to.url}/v1/state`, { method: 'POST', headers: { 'content-type': 'text/plain', ...headers }, body: JSON.stringify({ writeKey: WRITE_KEY, ...body }) });

beforeAll(async () => {
  c = await startTestCollector({ projects: [{ id: 'acme', writeKeys: [WRITE_KEY], readKeys: ['rk_test_0001_secret'], origins: [ORIGIN], identitySecrets: [SECRET, OLD_SECRET] }] });
  plain = await startTestCollector();
  const at = (min: number) => T + min * 60_000;
  const cl = (event: string, min: number, props: Record<string, unknown> = {}, who: { user?: string; anon?: string } = { user: 'u1' }) =>
    ev({ event, ...who, at: at(min), props: { checklist: 'onboarding', ...props } });
  await ingest(c.url, [
    // Before signing in, on the first device: an item done while anonymous.
    cl('Checklist Shown', 0, { view: 'launcher' }, { anon: 'anon-1' }),
    cl('Checklist Item Completed', 1, { item: 'create_project' }, { anon: 'anon-1' }),
    ev({ type: 'identify', user: 'u1', anon: 'anon-1', at: at(2) }),
    cl('Checklist Item Completed', 3, { item: 'invite' }),
    cl('Checklist Item Completed', 9, { item: 'invite' }), // a second completion: the first counts
    cl('Checklist Completed', 10),
    ev({ event: 'Checklist Dismissed', user: 'u1', at: at(11), props: { checklist: 'tips', forever: true } }),
    ev({ event: 'Checklist Dismissed', user: 'u1', at: at(12), props: { checklist: 'later', forever: false } }),
    // A checklist whose version was raised: only version 2's events count.
    cl('Checklist Item Completed', 4, { checklist: 'setup', item: 'old', version: 1 }),
    cl('Checklist Item Completed', 14, { checklist: 'setup', item: 'new', version: 2 }),
    ev({ event: 'Survey Shown', user: 'u1', at: at(20), props: { survey: 'nps-q', kind: 'nps' } }),
    ev({ event: 'Survey Answered', user: 'u1', at: at(21), props: { survey: 'nps-q', kind: 'nps', score: 9 } }),
    ev({ event: 'Survey Shown', user: 'u1', at: at(30), props: { survey: 'csat-export', kind: 'csat' } }),
    ev({ event: 'Survey Dismissed', user: 'u1', at: at(31), props: { survey: 'csat-export', kind: 'csat' } }),
    // Someone else's progress never leaks into u1's state.
    ev({ event: 'Checklist Item Completed', user: 'u2', at: at(5), props: { checklist: 'onboarding', item: 'secret_item' } }),
  ]);
});
afterAll(async () => {
  await c.stop();
  await plain.stop();
});

describe('POST /v1/state', () => {
  it("serves the user's checklist progress, prompt budget and survey records for a valid signature", async () => {
    const res = await state({ userId: 'u1', signature: sign('u1') }, c, { origin: ORIGIN });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const at = (min: number) => T + min * 60_000;
    expect(await res.json()).toEqual({
      userId: 'u1',
      checklists: {
        onboarding: { start: at(0), shown: at(0), done: { create_project: at(1), invite: at(3) }, completed: at(10) },
        tips: { start: at(11), done: {}, never: at(11) },
        later: { start: at(12), done: {} },
        setup: { v: 2, start: at(14), done: { new: at(14) } },
      },
      prompt: { at: at(30), id: 'survey:csat-export' },
      surveys: { 'nps-q': { at: at(20), answered: at(21) }, 'csat-export': { at: at(30) } },
    });
    // A rotated-out secret still verifies while it is listed.
    expect((await state({ userId: 'u1', signature: sign('u1', OLD_SECRET) })).status).toBe(200);
  });

  it.each([
    ['a missing signature', {}],
    ['an empty signature', { signature: '' }],
    ["another user's signature", { signature: sign('u2') }],
    ['a signature made with another secret', { signature: sign('u1', 'idsec_wrong_0123456789abcd') }],
    ['a truncated signature', { signature: sign('u1').slice(0, 63) }],
    ['a signature that is not a string', { signature: [sign('u1')] }],
  ])('gives nothing for %s', async (_, extra) => {
    const res = await state({ userId: 'u1', ...extra });
    expect(res.status).toBe(401);
    const body = await res.json();
    expect(body).toEqual({ error: 'invalid_signature', message: expect.stringMatching(/^signature:/) });
    expect(JSON.stringify(body)).not.toContain('create_project');
  });

  it('refuses unknown write keys, other origins, and projects without identity verification', async () => {
    expect((await state({ userId: 'u1', signature: sign('u1'), writeKey: 'wk_unknown_0123456789' })).status).toBe(401);
    expect((await state({ userId: 'u1', signature: sign('u1') }, c, { origin: 'https://evil.example' })).status).toBe(403);
    const off = await state({ userId: 'u1', signature: sign('u1') }, plain);
    expect(off.status).toBe(404);
    expect((await off.json()).error).toBe('state_disabled');
    expect((await state({ signature: sign('') })).status).toBe(400);
  });

  it('answers the preflight of a page the project allows', async () => {
    const res = await fetch(`${c.url}/v1/state`, { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'POST' } });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  });
});
