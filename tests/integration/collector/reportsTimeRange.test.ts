// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READ_KEY, WRITE_KEY, ev, getReport, ingest, postBatch, startTestCollector, type TestCollector } from './helpers.js';

/**
 * Issue 11, break 2: one identify() with a signup time outside any sane range (1e17 ms,
 * far negative, year 99999…) made ttv (every `by`), voice and checklists?from= answer 500
 * for good. Times outside 1970–2100 are now absent: a trait falls back to first seen, an
 * event time to the time the collector received it, and both are counted in /v1/project.
 */
const AS_OF = '2026-03-01T00:00:00.000Z';
const FIRST_SEEN = '2026-02-02T10:00:00.000Z';
const HOSTILE_TIMES: unknown[] = [
  1e17, -1e17, 1e308, -8.64e15, 9007199254740993, 4102444800000, -1, '1e17', '-1e17', 'NaN', 'Infinity',
  '99999-01-01', '+275760-09-13T00:00:00Z', '-271821-04-20T00:00:00Z', '0001-01-01T00:00:00Z', '1969-12-31T23:59:59Z',
  '2100-01-01T00:00:01Z', '294247-01-10T04:00:54.775807Z', '2026-13-45', '', true, {}, [],
];

let c: TestCollector;
beforeAll(async () => {
  c = await startTestCollector();
  const events: unknown[] = [];
  HOSTILE_TIMES.forEach((t, i) => {
    const user = `u${i}`;
    events.push(
      ev({ type: 'identify', user, at: FIRST_SEEN, traits: { plan: 'pro', created_at: t, signed_up_at: t } }),
      ev({ event: 'Checklist Shown', user, at: FIRST_SEEN, props: { checklist: 'onboarding' } }),
      ev({ event: 'Checklist Item Completed', user, at: FIRST_SEEN, props: { checklist: 'onboarding', item: 'invite' } }),
      ev({ event: 'Survey Answered', user, at: FIRST_SEEN, props: { survey: 'nps', kind: 'nps', score: 9 } }),
      ev({ event: 'Feature Used', user, at: FIRST_SEEN, group: 'acct-1', props: { feature: 'export' } }),
    );
  });
  await ingest(c.url, events);
});
afterAll(() => c.stop());

const CASES: [string, Record<string, string>][] = [
  ...['signup_week', 'signup_month', 'plan', 'created_at'].flatMap((by) => [
    ['ttv', { by }],
    ['voice', { by }],
  ] as [string, Record<string, string>][]),
  ['checklists', { from: '2026-01-01' }],
  ['checklists', { from: '2026-01-01', to: '2026-03-01' }],
  ['checklists', {}],
  ['friction', { from: '2026-01-01' }],
  ['adoption', {}],
  ['health', {}],
  ['experiments', {}],
  ['experiments', { from: '2026-01-01' }],
];

describe('reports with signup times outside 1970–2100', () => {
  it.each(CASES)('%s %o answers 200 as JSON and as CSV', async (name, params) => {
    for (const suffix of ['', '.csv']) {
      const res = await fetch(`${c.url}/v1/reports/${name}${suffix}?${new URLSearchParams({ asOf: AS_OF, ...params })}`, { headers: { authorization: `Bearer ${READ_KEY}` } });
      expect(res.status, `${name}${suffix} ${await res.clone().text()}`).toBe(200);
    }
  });

  it('treats such a signup time as absent: the person starts when first seen', async () => {
    const r = await getReport(c.url, 'ttv', { asOf: AS_OF, by: 'signup_week' });
    expect(r.body.cohorts).toEqual([expect.objectContaining({ cohort: '2026-02-02', users: HOSTILE_TIMES.length })]);
    const from = await getReport(c.url, 'checklists', { asOf: AS_OF, from: '2026-02-01', to: '2026-02-03' });
    expect(from.body.checklists[0]).toMatchObject({ checklist: 'onboarding', shown: HOSTILE_TIMES.length });
  });

  it('refuses report parameters outside 1970–2100 with a 400 naming the field', async () => {
    for (const [k, v] of [['asOf', '0001-01-01'], ['from', '+275760-09-13'], ['to', '2100-01-01T00:00:00Z']]) {
      const r = await getReport(c.url, 'ttv', { [k!]: v! });
      expect(r.status).toBe(400);
      expect(r.body.problems).toEqual([`${k}: expected a date from 1970-01-01 to before 2100-01-01`]);
    }
  });

  it('counts the ignored times where the dashboard reads the project', async () => {
    const res = await fetch(`${c.url}/v1/project`, { headers: { authorization: `Bearer ${READ_KEY}` } });
    const body = (await res.json()) as any;
    // Each hostile value is given twice (created_at and signed_up_at) and ignored both times.
    expect(body.timesOutOfRange).toEqual({ eventTimes: 0, traitTimes: 2 * HOSTILE_TIMES.length });
  });
});

describe('event times outside 1970–2100', () => {
  it('stores the receive time instead (or the time as sent, when only skew correction broke it), keeps the sent time, and counts them', async () => {
    const d = await startTestCollector();
    try {
      const before = Date.now();
      // Year 1 and year 9999 are valid ISO dates: stored at their receive time. A broken sentAt
      // would push a good time out of range through skew correction: the time as sent stands.
      const r1 = await postBatch(d.url, [ev({ event: 'Old', user: 'x', at: '0001-01-01T00:00:00Z' }), ev({ event: 'Far', user: 'x', at: '9999-12-31T23:59:59Z' })]);
      const r2 = await postBatch(d.url, [ev({ event: 'Skewed', user: 'x', at: '2026-01-01T00:00:00Z' })], { sentAt: '0001-01-01T00:00:00Z', writeKey: WRITE_KEY });
      expect([r1.status, r2.status]).toEqual([200, 200]);
      const rows = await d.store.querySql(`SELECT event, epoch_ms(ts) AS ts, epoch_ms(original_ts) AS original FROM events ORDER BY event`);
      expect(rows.map((r) => Number(r.ts) >= before)).toEqual([true, true, false]);
      expect(new Date(Number(rows[2]!.ts)).toISOString()).toBe('2026-01-01T00:00:00.000Z');
      expect(rows.map((r) => [r.event, new Date(Number(r.original)).toISOString()])).toEqual([
        ['Far', '9999-12-31T23:59:59.000Z'],
        ['Old', '0001-01-01T00:00:00.000Z'],
        ['Skewed', '2026-01-01T00:00:00.000Z'],
      ]);
      const project = (await (await fetch(`${d.url}/v1/project`, { headers: { authorization: `Bearer ${READ_KEY}` } })).json()) as any;
      expect(project.timesOutOfRange).toEqual({ eventTimes: 2, traitTimes: 0 });
      for (const name of ['ttv', 'checklists', 'voice', 'friction', 'adoption', 'health']) expect((await getReport(d.url, name)).status).toBe(200);
    } finally {
      await d.stop();
    }
  });
});

describe('signup times in range', () => {
  it('reads epoch seconds, epoch milliseconds, numeric strings and ISO strings with offsets as the same moment', async () => {
    const d = await startTestCollector();
    try {
      const at = Date.parse('2026-01-07T12:00:00Z'); // a Wednesday: week of 2026-01-05
      const forms: unknown[] = [at / 1000, at, String(at / 1000), '2026-01-07T12:00:00Z', '2026-01-07T21:00:00+09:00', '2026-01-07 12:00:00'];
      await ingest(
        d.url,
        forms.map((created_at, i) => ev({ type: 'identify', user: `s${i}`, at: '2026-02-20T00:00:00Z', traits: { created_at } })),
      );
      const r = await getReport(d.url, 'ttv', { asOf: AS_OF });
      expect(r.body.cohorts).toEqual([expect.objectContaining({ cohort: '2026-01-05', users: forms.length })]);
      const project = (await (await fetch(`${d.url}/v1/project`, { headers: { authorization: `Bearer ${READ_KEY}` } })).json()) as any;
      expect(project.timesOutOfRange).toEqual({ eventTimes: 0, traitTimes: 0 });
    } finally {
      await d.stop();
    }
  });
});
