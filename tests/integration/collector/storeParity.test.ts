// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { collectorConfigSchema } from '../../../packages/collector/src/config/configSchema.js';
import { createServer } from '../../../packages/collector/src/server/createServer.js';
import { REPORT_NAMES } from '../../../packages/collector/src/reports/runReport.js';
import { generateDemoData } from '../../../packages/collector/src/demo/generateDemoData.js';
import { createDuckDBStore } from '../../../packages/collector/src/store/duckdb/createDuckDBStore.js';
import { createClickHouseStore } from '../../../packages/collector/src/store/clickhouse/createClickHouseStore.js';
import { createChdbExecutor } from '../../../packages/collector/src/store/clickhouse/createChdbExecutor.js';
import type { Store } from '../../../packages/collector/src/store/Store.js';
import { guidanceFixture, healthFixture, panelFixture, ttvFixture } from './fixtures/reportFixtures.js';
import { ev } from './helpers.js';

/**
 * The ClickHouse store answers exactly as the DuckDB store: the same batches go through
 * ingest (validation, clock-skew correction, a retried batch) into both, and every report
 * in REPORT_NAMES, a report added later included, must give the same JSON for each
 * project and parameter set. ClickHouse runs in-process (chdb), the same engine as a server.
 */
const NOW = Date.parse('2026-03-02T12:00:00Z');
const PROJECTS = ['ttv', 'panel', 'health', 'guidance', 'demo'] as const;
const key = (p: string, kind: 'wk' | 'rk') => `${kind}_parity_${p}_000000`;
const config = collectorConfigSchema.parse({
  projects: PROJECTS.map((id) => ({ id, writeKeys: [key(id, 'wk')], readKeys: [key(id, 'rk')], valueEvent: 'Report Published' })),
  rateLimit: { max: 1_000_000, windowMs: 60_000 },
  health: { windowDays: 10, frictionCeiling: 2, atRiskBelow: 50 },
});

interface Side {
  name: string;
  store: Store;
  app: FastifyInstance;
}
let sides: Side[] = [];

/** The same request to both collectors; each answer's status and JSON. */
async function both(method: 'GET' | 'POST', url: string, o: { payload?: unknown; key?: string } = {}) {
  return Promise.all(
    sides.map(async (s) => {
      const res = await s.app.inject({ method, url, payload: o.payload as never, headers: o.key ? { authorization: `Bearer ${o.key}` } : {} });
      return { status: res.statusCode, body: res.json() as unknown };
    }),
  );
}

async function ingestBoth(project: string, events: unknown[], sentAt?: string) {
  for (let i = 0; i < events.length; i += 100) {
    const answers = await both('POST', '/v1/batch', { payload: { batch: events.slice(i, i + 100), writeKey: key(project, 'wk'), ...(sentAt ? { sentAt } : {}) } });
    for (const a of answers) expect(a.status, JSON.stringify(a.body)).toBe(200);
  }
}

beforeAll(async () => {
  const made = [
    { name: 'duckdb', store: await createDuckDBStore(':memory:') },
    { name: 'clickhouse', store: await createClickHouseStore(await createChdbExecutor({ maxThreads: 1 })) },
  ];
  sides = await Promise.all(
    made.map(async (m) => {
      // Receive times are part of the data (clock-skew correction, recent events): both
      // collectors read the same fixed clock.
      const app = createServer({ config, store: m.store, now: () => NOW });
      await app.ready();
      return { ...m, app };
    }),
  );
  await ingestBoth('ttv', ttvFixture());
  const panel = panelFixture();
  await ingestBoth('panel', panel);
  // A retried batch: the same messages again, counted once.
  await ingestBoth('panel', panel.slice(0, 20));
  await ingestBoth('health', healthFixture().events);
  await ingestBoth('guidance', guidanceFixture());
  // A browser whose clock runs an hour fast: its times are corrected by the sentAt gap.
  const fast = Date.parse('2026-02-26T10:00:00Z') + 3_600_000;
  await ingestBoth(
    'ttv',
    [
      ev({ type: 'identify', user: 'skew', at: fast, traits: { plan: 'pro', created_at: '2026-02-26T10:00:00Z' } }),
      ev({ event: 'First Value Reached', user: 'skew', at: fast + 7_200_000 }),
    ],
    new Date(NOW + 3_600_000).toISOString(),
  );
  const demo = generateDemoData({ projectId: 'demo', users: 300, weeks: 4, now: NOW });
  for (const s of sides) await s.store.insertEvents(demo);
}, 120_000);

afterAll(async () => {
  for (const s of sides) {
    await s.app.close();
    await s.store.close();
  }
});

/** Parameter sets every report is asked with; `asOf` fixed so "now" is the same. */
const PARAMS: Record<string, string>[] = [
  { asOf: '2026-03-01T00:00:00Z' },
  { asOf: '2026-03-02T12:00:00Z', by: 'plan', windowDays: '30' },
  { asOf: '2026-02-21T00:00:00Z', by: 'signup_month', where: 'plan:pro', from: '2026-01-06', to: '2026-02-24' },
];

describe('ClickHouse and DuckDB stores give the same answers', () => {
  it.each(PROJECTS)('every report, project %s', async (project) => {
    let compared = 0;
    for (const name of REPORT_NAMES) {
      for (const p of PARAMS) {
        const [duck, ch] = await both('GET', `/v1/reports/${name}?${new URLSearchParams(p)}`, { key: key(project, 'rk') });
        expect(duck!.status, `${name} ${JSON.stringify(p)}`).toBe(200);
        expect(ch, `${name} ${JSON.stringify(p)}`).toEqual(duck);
        compared++;
      }
    }
    expect(compared).toBe(REPORT_NAMES.length * PARAMS.length);
  }, 90_000);

  it('the project summary, with retried messages counted once', async () => {
    for (const project of PROJECTS) {
      const [duck, ch] = await both('GET', '/v1/project', { key: key(project, 'rk') });
      expect(ch).toEqual(duck);
    }
    const [panel] = await both('GET', '/v1/project', { key: key('panel', 'rk') });
    expect((panel!.body as { events: number }).events).toBe(panelFixture().length);
  });

  it('the data is not empty: the fixtures reach every report', async () => {
    const [duck] = await both('GET', `/v1/reports/ttv?asOf=2026-03-01T00:00:00Z`, { key: key('ttv', 'rk') });
    expect((duck!.body as { cohorts: unknown[] }).cohorts.length).toBeGreaterThan(1);
  });

  it('the playbooks\' account signals (a Store read outside the reports)', async () => {
    for (const projectId of ['health', 'panel', 'demo']) {
      const q = { projectId, asOf: NOW, valueEvent: 'Report Published', answersWithinDays: 30, activeWindowsDays: [7, 14] };
      const [duck, ch] = await Promise.all(sides.map((s) => s.store.accountSignals(q)));
      expect(ch).toEqual(duck);
      // health fixture: u2 (acme) and g1 (globex) never reached value; u1's NPS answer; 2 accounts × 2 windows.
      if (projectId == 'health') expect([duck!.withoutValue.length, duck!.npsAnswers.length, duck!.activeUsers.length]).toEqual([2, 1, 4]);
    }
  }, 60_000);

  it("one person's guidance events, identity stitched (POST /v1/state)", async () => {
    const events = ['Checklist Shown', 'Checklist Item Completed', 'Checklist Completed', 'Checklist Dismissed', 'Survey Shown', 'Survey Answered', 'Survey Dismissed'];
    for (const [projectId, personId] of [['demo', 'demo-user-3'], ['demo', 'demo-user-17'], ['panel', 'u1'], ['ttv', 'b1']] as const) {
      const q = { projectId, personId, events, limit: 50 };
      const [duck, ch] = await Promise.all(sides.map((s) => s.store.personEvents(q)));
      expect(ch).toEqual(duck);
      if (projectId == 'demo') expect(duck!.length).toBeGreaterThan(0);
    }
    const few = await Promise.all(sides.map((s) => s.store.personEvents({ projectId: 'demo', personId: 'demo-user-3', events: ['Checklist Item Completed'], limit: 2 })));
    expect(few[1]).toEqual(few[0]);
    expect(few[0]!.length).toBeLessThanOrEqual(2);
  });

  it('recent events for a person, in receive order', async () => {
    const pick = (r: Awaited<ReturnType<Store['recentEvents']>>) => r.events.map(({ receivedAt: _, ...e }) => e);
    for (const q of [{ projectId: 'ttv', limit: 50 }, { projectId: 'ttv', person: 'b1', limit: 10 }, { projectId: 'panel', event: 'Rage Click', limit: 2 }]) {
      const [duck, ch] = await Promise.all(sides.map((s) => s.store.recentEvents(q)));
      expect(pick(ch!)).toEqual(pick(duck!));
      expect(duck!.events.length).toBeGreaterThan(0);
    }
  });
});
