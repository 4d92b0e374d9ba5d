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

  it('shows tours people leave step by step, a failing anchor, and guides clicked at different rates', async () => {
    const { tours } = await report('tours', { by: 'plan' });
    const welcome = tours.find((t: any) => t.tour == 'welcome-tour');
    expect(welcome.steps.map((s: any) => s.step)).toEqual(['welcome', 'create-project', 'invite-team', 'connect-data', 'first-report']);
    // Fewer at each step, and neither everyone nor nobody finishes.
    const viewed = welcome.steps.map((s: any) => s.viewed);
    expect(viewed).toEqual([...viewed].sort((a: number, b: number) => b - a));
    expect(welcome.completionRate).toBeGreaterThan(0.15);
    expect(welcome.completionRate).toBeLessThan(0.7);
    expect(welcome.failures[0]).toMatchObject({ step: 'connect-data', reason: 'anchor_missing' });
    expect(welcome.byCohort.map((c: any) => c.cohort).sort()).toEqual(['enterprise', 'free', 'pro']);
    expect(tours.map((t: any) => t.tour)).toContain('reports-tour');
    const { guides } = await report('guides');
    const ctr = Object.fromEntries(guides.map((g: any) => [g.kind, g.clickThroughRate]));
    expect(Object.keys(ctr).sort()).toEqual(['announcement', 'banner', 'hotspot']);
    expect(ctr.hotspot).toBeGreaterThan(2 * ctr.banner);
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
