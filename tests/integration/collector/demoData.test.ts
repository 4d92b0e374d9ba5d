// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDuckDBStore } from '../../../packages/collector/src/store/duckdb/createDuckDBStore.js';
import { generateDemoData } from '../../../packages/collector/src/demo/generateDemoData.js';
import { runReport } from '../../../packages/collector/src/reports/runReport.js';
import { collectorConfigSchema } from '../../../packages/collector/src/config/configSchema.js';
import type { Store } from '../../../packages/collector/src/store/Store.js';

/** `npm start -- --demo-data` promises that every report has something to show. */
const NOW = Date.parse('2026-03-02T12:00:00Z');
let dir: string;
let store: Store;
const config = collectorConfigSchema.parse({
  database: ':memory:',
  projects: [{ id: 'demo', writeKeys: ['wk_demo_data_public'], readKeys: ['rk_demo_data_secret'], valueEvent: 'Report Published' }],
});
const project = config.projects[0]!;
const report = (name: Parameters<typeof runReport>[3], params: Record<string, string> = {}) =>
  runReport(store, config, project, name, params, NOW) as Promise<any>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sabu-demo-data-'));
  store = await createDuckDBStore(join(dir, 'demo.duckdb'));
  await store.insertEvents(generateDemoData({ projectId: 'demo', users: 600, weeks: 4, now: NOW }));
});
afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('demo data', () => {
  it('fills every table of every report', async () => {
    const ttv = await report('ttv');
    expect(ttv.cohorts.length).toBeGreaterThanOrEqual(4);
    const checklists = await report('checklists');
    expect(checklists.checklists[0].items.length).toBe(4);
    const voice = await report('voice');
    expect(voice.overall.map((s: any) => s.kind).sort()).toEqual(['ces', 'csat', 'nps']);
    expect(voice.comments.length).toBeGreaterThan(0);
    const friction = await report('friction');
    for (const part of ['clicks', 'flows', 'forms', 'vitals']) expect([part, friction[part].length > 0]).toEqual([part, true]);
    const health = await report('health');
    expect(health.accounts.length).toBeGreaterThan(0);
    expect(health.atRisk.length).toBeGreaterThan(0);
  });

  it('runs an experiment whose guided arm measurably reaches value sooner than control', async () => {
    const { experiments } = await report('experiments');
    const e = experiments.find((x: any) => x.experiment == 'guided-setup');
    expect(e.arms.map((a: any) => a.variant)).toEqual(['control', 'guided', 'holdout']);
    const total = e.arms.reduce((n: number, a: any) => n + a.users, 0);
    expect(total).toBe(600);
    // About 10 % holdout, the rest split evenly.
    expect(e.arms[2].users / total).toBeGreaterThan(0.05);
    expect(e.arms[2].users / total).toBeLessThan(0.15);
    const guided = e.comparisons.find((c: any) => c.variant == 'guided');
    expect(guided.ttv.verdict).toBe('better');
    expect(guided.ttv.medianDifferenceMs).toBeLessThan(0);
  });

  it('abandons forms at different fields, fewer at later ones', async () => {
    const { forms } = await report('friction');
    expect(new Set(forms.map((f: any) => f.form)).size).toBeGreaterThanOrEqual(2);
    const invite = forms.filter((f: any) => f.form == 'invite-teammate');
    expect(invite.length).toBeGreaterThanOrEqual(2);
    const at = (field: string) => invite.find((f: any) => f.lastField == field)?.count ?? 0;
    expect(at('email')).toBeGreaterThan(at('message'));
  });

  it('makes some features far more adopted than others, as in a real product', async () => {
    const { features } = await report('adoption');
    expect(features.length).toBeGreaterThanOrEqual(5);
    const shares = features.map((f: any) => f.userShare);
    expect(Math.max(...shares)).toBeGreaterThan(3 * Math.min(...shares));
    // Enterprise-only single sign-on: used by enterprise users alone.
    const sso = features.find((f: any) => f.feature == 'sso');
    expect(sso.userShare).toBeLessThan(0.25);
  });
});
