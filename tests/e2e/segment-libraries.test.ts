import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { Analytics } from '@segment/analytics-node';
import { launchBrowser } from './utils/browser';
import { collectorConfigSchema, startCollector } from '../../packages/collector/dist/index.js';

/**
 * Issue 18, done when: Segment's real browser library (analytics-next, in Chromium) and
 * server library (analytics-node) deliver every event to the collector, none twice, and
 * the TTV report counts a value event sent from a backend for a person the browser saw first.
 */
const WRITE_KEY = 'wk_segm_0001_public';
const READ_KEY = 'rk_segm_0001_secret';
const HOUR = 3_600_000;

let browser: Browser;
let collector: Awaited<ReturnType<typeof startCollector>>;
let pages: Server;
let pageOrigin: string;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sabu-segment-'));
  const entry = fileURLToPath(new URL('./segment/analyticsNextPage.js', import.meta.url));
  await build({ entryPoints: [entry], bundle: true, format: 'iife', minify: true, target: 'es2020', logLevel: 'error', outfile: join(dir, 'app.js'), define: { 'process.env.NODE_ENV': '"production"' } });
  const app = readFileSync(join(dir, 'app.js'));
  pages = createServer((req, res) => {
    if (req.url?.startsWith('/app.js')) return res.writeHead(200, { 'content-type': 'text/javascript' }).end(app);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Segment host</title><h1>App</h1><script src="/app.js"></script>');
  });
  await new Promise<void>((r) => pages.listen(0, '127.0.0.1', r));
  pageOrigin = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
  const config = collectorConfigSchema.parse({
    host: '127.0.0.1',
    port: 0,
    database: join(dir, 'segment.duckdb'),
    projects: [{ id: 'seg', writeKeys: [WRITE_KEY], readKeys: [READ_KEY], origins: [pageOrigin], valueEvent: 'Report Published' }],
  });
  collector = await startCollector(config);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await collector?.close();
  await new Promise((r) => pages?.close(r));
  rmSync(dir, { recursive: true, force: true });
});

async function storedCount(messageId: string) {
  const r = await collector.store.querySql(`SELECT count(*)::INTEGER AS n FROM events WHERE project_id = 'seg' AND message_id = '${messageId.replace(/'/g, "''")}'`);
  return Number(r[0]!.n);
}

describe('Segment libraries -> collector', () => {
  it('analytics-next in Chromium and analytics-node deliver every event once; TTV counts the backend value event', async () => {
    const apiHost = `${new URL(collector.url).host}/v1`;
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const sent: { path: string; messageId: string; type: string; anonymousId: string; userId: string | null }[] = [];
    const statuses: number[] = [];
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('request', (req) => {
      if (!req.url().startsWith(collector.url) || req.method() != 'POST') return;
      const body = JSON.parse(req.postData() ?? '{}');
      for (const m of body.batch ?? [body]) sent.push({ path: new URL(req.url()).pathname, messageId: m.messageId, type: m.type, anonymousId: m.anonymousId, userId: m.userId ?? null });
    });
    page.on('response', (res) => {
      if (res.url().startsWith(collector.url) && res.request().method() == 'POST') statuses.push(res.status());
    });
    await page.goto(`${pageOrigin}/?writeKey=${WRITE_KEY}&apiHost=${encodeURIComponent(apiHost)}`);
    // Each call resolves once the Segment.io destination has delivered it (or given up).
    const delivered = await page.evaluate(async () => {
      const a = (window as any).analytics;
      const out: string[] = [];
      const done = (ctx: any) => out.push(ctx.failedDelivery() ? 'failed' : 'ok');
      done(await a.page('Signup'));
      done(await a.track('Viewed Docs', { section: 'start' }));
      done(await a.identify('cust-web-1', { plan: 'pro' }));
      done(await a.track('Clicked Upgrade'));
      done(await a.page('Billing'));
      return out;
    });
    expect(delivered).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect(pageErrors).toEqual([]);

    // What analytics-next really sent: one call per request to the short paths.
    expect(sent.map((s) => s.path)).toEqual(['/v1/p', '/v1/t', '/v1/i', '/v1/t', '/v1/p']);
    expect(statuses.every((s) => s == 200)).toBe(true);
    const anon = sent[0]!.anonymousId;
    expect(anon).toBeTruthy();
    for (const s of sent) expect(await storedCount(s.messageId)).toBe(1);
    await ctx.close();

    // The backend reaches value an hour later: the server library sends a userId only.
    const node = new Analytics({ writeKey: WRITE_KEY, host: collector.url, flushAt: 1, flushInterval: 50 });
    const nodeStatuses: number[] = [];
    const nodeIds: string[] = [];
    node.on('http_response', (r) => nodeStatuses.push(r.status));
    node.on('http_request', (r) => nodeIds.push(...JSON.parse(r.body).batch.map((m: { messageId: string }) => m.messageId)));
    const valueAt = Date.now() + HOUR;
    node.track({ userId: 'cust-web-1', event: 'Report Published', timestamp: new Date(valueAt) });
    await node.closeAndFlush({ timeout: 10_000 });
    expect(nodeStatuses).toEqual([200]);
    expect(await storedCount(nodeIds[0]!)).toBe(1);

    // The report: one person (first seen anonymously in the browser, identified there),
    // who reached value with the backend's event about an hour after being first seen.
    const res = await fetch(`${collector.url}/v1/reports/ttv?asOf=${new Date(valueAt + HOUR).toISOString()}`, { headers: { authorization: `Bearer ${READ_KEY}` } });
    expect(res.status).toBe(200);
    const ttv = (await res.json()) as any;
    expect(ttv.cohorts).toHaveLength(1);
    expect(ttv.cohorts[0]).toMatchObject({ users: 1, reached: 1 });
    const drop = ttv.cohorts[0].curve.find((p: any) => p.survival == 0);
    expect(Math.abs(drop.t - HOUR)).toBeLessThan(60_000);
    // The browser's anonymous id resolved to the same person: no second, anonymous subject.
    const people = await collector.store.querySql(`SELECT DISTINCT person_id FROM resolved_events WHERE project_id = 'seg'`);
    expect(people).toEqual([{ person_id: 'cust-web-1' }]);
  });

  it("analytics-next's batching delivery strategy (POST /v1/b) delivers each event once", async () => {
    const apiHost = `${new URL(collector.url).host}/v1`;
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const posts: { path: string; ids: string[]; status?: number }[] = [];
    page.on('response', async (res) => {
      const req = res.request();
      if (!res.url().startsWith(collector.url) || req.method() != 'POST') return;
      posts.push({ path: new URL(res.url()).pathname, ids: JSON.parse(req.postData() ?? '{}').batch?.map((m: { messageId: string }) => m.messageId) ?? [], status: res.status() });
    });
    await page.goto(`${pageOrigin}/?batching=1&writeKey=${WRITE_KEY}&apiHost=${encodeURIComponent(apiHost)}`);
    await page.evaluate(async () => {
      const a = (window as any).analytics;
      await Promise.all([a.track('Batched One'), a.track('Batched Two'), a.track('Batched Three')]);
    });
    await expect.poll(() => posts.flatMap((p) => p.ids).length, { timeout: 10_000 }).toBe(3);
    expect(posts.map((p) => [p.path, p.status])).toEqual([['/v1/b', 200]]);
    for (const id of posts[0]!.ids) expect(await storedCount(id)).toBe(1);
    await ctx.close();
  });
});
