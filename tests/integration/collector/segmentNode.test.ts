// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Analytics } from '@segment/analytics-node';
import { ev, getReport, ingest, startTestCollector, WRITE_KEY, type TestCollector } from './helpers.js';

/**
 * Segment's official server library (`@segment/analytics-node`, the real one from npm),
 * pointed at the collector with its `host` option: server-side sources send a userId
 * only, with the write key as Basic auth (issue 18).
 */
const DAY = 86_400_000;

let c: TestCollector;
beforeAll(async () => {
  c = await startTestCollector({ rateLimit: { max: 1000, windowMs: 60_000 } });
});
afterAll(() => c.stop());

/** A real client; every HTTP answer it gets is recorded. */
function client(o: { flushAt?: number } = {}) {
  const analytics = new Analytics({ writeKey: WRITE_KEY, host: c.url, flushAt: o.flushAt ?? 1, flushInterval: 50, maxRetries: 2 });
  const answers: number[] = [];
  const bodies: { batch: { messageId: string }[] }[] = [];
  const errors: unknown[] = [];
  analytics.on('http_request', (r) => bodies.push(JSON.parse(r.body)));
  analytics.on('http_response', (r) => answers.push(r.status));
  analytics.on('error', (e) => errors.push(e));
  return { analytics, answers, bodies, errors };
}

async function stored(messageIds: string[]) {
  const list = messageIds.map((id) => `'${id.replace(/'/g, "''")}'`).join(',');
  return c.store.querySql(
    `SELECT message_id, type, event, user_id, anonymous_id, group_id, properties::VARCHAR AS properties FROM events WHERE project_id = 'acme' AND message_id IN (${list}) ORDER BY message_id`,
  );
}

describe('@segment/analytics-node against the collector', () => {
  it('delivers identify, track, page, group, alias and screen with a userId only, each stored once', async () => {
    const { analytics, answers, bodies, errors } = client();
    analytics.identify({ userId: 'srv-1', traits: { plan: 'pro', email: 'a@example.com' } });
    analytics.track({ userId: 'srv-1', event: 'Subscription Paid', properties: { amount: 49 } });
    analytics.page({ userId: 'srv-1', name: 'Pricing', properties: { path: '/pricing' } });
    analytics.group({ userId: 'srv-1', groupId: 'acct-9', traits: { name: 'Acme' } });
    analytics.alias({ userId: 'srv-1', previousId: 'legacy-anon-1' });
    analytics.screen({ userId: 'srv-1', name: 'Home', properties: { tab: 'feed' } });
    await analytics.closeAndFlush({ timeout: 10_000 });

    expect(errors).toEqual([]);
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.every((s) => s == 200)).toBe(true);
    const sent = bodies.flatMap((b) => b.batch);
    expect(sent).toHaveLength(6);
    // What the library really sends: no anonymousId at all.
    expect(sent.every((m) => !('anonymousId' in m))).toBe(true);
    const rows = await stored(sent.map((m) => m.messageId));
    expect(rows).toHaveLength(6);
    const byType = Object.fromEntries(rows.map((r) => [r.type, r]));
    expect(Object.keys(byType).sort()).toEqual(['alias', 'group', 'identify', 'page', 'screen', 'track']);
    for (const r of rows) expect(r).toMatchObject({ user_id: 'srv-1', anonymous_id: null });
    expect(byType.track).toMatchObject({ event: 'Subscription Paid' });
    expect(byType.page).toMatchObject({ event: 'Pricing' });
    expect(byType.screen).toMatchObject({ event: 'Home' });
    expect(byType.group).toMatchObject({ group_id: 'acct-9' });
    expect(JSON.parse(String(byType.alias!.properties))).toEqual({ previousId: 'legacy-anon-1' });
    // The alias linked the earlier id to the user, as identify() links an anonymous id.
    expect(await c.store.querySql(`SELECT user_id FROM identities WHERE project_id = 'acme' AND anonymous_id = 'legacy-anon-1'`)).toEqual([{ user_id: 'srv-1' }]);
  });

  it('delivers a 30-event batch in one request, every event once', async () => {
    const { analytics, answers, bodies, errors } = client({ flushAt: 30 });
    for (let i = 0; i < 30; i++) analytics.track({ userId: `bulk-${i % 3}`, event: 'Row Imported', properties: { i } });
    await analytics.closeAndFlush({ timeout: 10_000 });
    expect(errors).toEqual([]);
    expect(bodies.map((b) => b.batch.length)).toEqual([30]);
    expect(answers).toEqual([200]);
    const ids = bodies[0]!.batch.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(30);
    expect(await stored(ids)).toHaveLength(30);
  });

  it('counts a backend value event for a person first seen in the browser (TTV)', async () => {
    const start = Date.now() - 20 * DAY;
    // The browser (Sabu's SDK wire format): anonymous page view, then identify() links the user.
    await ingest(c.url, [
      ev({ type: 'page', anon: 'anon-web-7', at: start, path: '/signup' }),
      ev({ type: 'identify', anon: 'anon-web-7', user: 'cust-7', at: start + 60_000 }),
    ]);
    // The product's backend reaches value 2 days later: "Report Published" is acme's valueEvent.
    const { analytics, errors } = client();
    analytics.track({ userId: 'cust-7', event: 'Report Published', timestamp: new Date(start + 2 * DAY) });
    await analytics.closeAndFlush({ timeout: 10_000 });
    expect(errors).toEqual([]);

    const subjects = await c.store.ttvSubjects({ projectId: 'acme', asOf: Date.now(), by: 'signup_week', valueEvent: 'Report Published' });
    const me = subjects.find((s) => s.personId == 'cust-7');
    expect(me).toBeDefined();
    // Start = first seen in the browser; value = the backend's event (skew correction moves it by ms only).
    expect(me!.startAt).toBe(start);
    expect(Math.abs(me!.valueAt! - (start + 2 * DAY))).toBeLessThan(60_000);
    // And the report's curve drops at 2 days for this person's cohort.
    const week = await getReport(c.url, 'ttv', { from: new Date(start - DAY).toISOString().slice(0, 10), to: new Date(start + DAY).toISOString().slice(0, 10) });
    expect(week.status).toBe(200);
    const cohort = week.body.cohorts.find((x: any) => x.users >= 1);
    expect(cohort).toMatchObject({ users: 1, reached: 1 });
    expect(Math.round(cohort.curve.find((p: any) => p.survival == 0).t / DAY)).toBe(2);
  });
});
