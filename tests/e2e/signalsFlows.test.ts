import { describe, expect, it } from 'vitest';
import { sleep, useE2E } from './utils/fixture';

const env = useE2E();

const tracked = (name: string) => env.collector.stored().filter((m) => m.type == 'track' && m.event == name);
const props = (name: string) => tracked(name).map((m) => m.properties);
const FLOW = { flow: 'setup', flow_name: 'Project setup' };

describe('flows and time to first value in real Chromium', () => {
  it('a flow left half-done and its page closed yields one Flow Abandoned after the timeout, on the next visit', async () => {
    env.collector.requests = [];
    const { page, ctx } = await env.open('signals-flow.html');
    await page.click('#start');
    await page.click('#connect');
    await env.collector.waitFor(() => tracked('Flow Step Completed').length == 2);
    expect(props('Flow Started')).toEqual([FLOW]);
    expect(props('Flow Step Completed').map((p) => [p.step, p.index])).toEqual([['start', 0], ['connect', 1]]);
    await page.close();
    await sleep(1800); // past timeoutMs (1500) with no page open
    const again = await ctx.newPage();
    await again.goto(env.pages.url('signals-flow.html'));
    await env.collector.waitFor(() => tracked('Flow Abandoned').length > 0);
    await again.reload();
    await sleep(600);
    await again.evaluate(() => sabu.track('Marker'));
    await env.collector.waitFor(() => tracked('Marker').length > 0);
    expect(props('Flow Abandoned')).toEqual([{ ...FLOW, last_step: 'connect', last_index: 1, reason: 'page_exit', duration_ms: expect.any(Number) }]);
    await ctx.close();
  });

  it('completes a flow across a reload, and abandons one that times out while the page is open', async () => {
    env.collector.requests = [];
    const { page, ctx } = await env.open('signals-flow.html');
    await page.click('#start');
    await page.reload(); // state survives reloads
    await page.click('#connect');
    await page.click('#done');
    await env.collector.waitFor(() => tracked('Flow Completed').length > 0);
    expect(props('Flow Step Completed').map((p) => p.step)).toEqual(['start', 'connect', 'done']);
    expect(props('Flow Completed')).toEqual([{ ...FLOW, duration_ms: expect.any(Number) }]);
    await page.click('#start');
    await env.collector.waitFor(() => tracked('Flow Abandoned').length > 0, 5000);
    expect(props('Flow Abandoned')).toEqual([{ ...FLOW, last_step: 'start', last_index: 0, reason: 'timeout', duration_ms: 0 }]);
    await ctx.close();
  });

  it('First Value Reached carries ttv_ms from the signup trait and is emitted once across reloads', async () => {
    env.collector.requests = [];
    const { page, ctx } = await env.open('signals-flow.html');
    const createdAt = Date.UTC(2026, 10, 16, 10); // Monday of ISO week 47
    await page.evaluate((t) => sabu.identify('user-42', { created_at: new Date(t).toISOString(), plan: 'pro' }), createdAt);
    await page.click('#start'); // a flow step before the value moment: an Activation Step
    await page.click('#sample'); // does not match value.where
    await page.click('#create');
    await env.collector.waitFor(() => tracked('First Value Reached').length > 0);
    await page.reload();
    await page.click('#create');
    await page.evaluate(() => sabu.track('Marker'));
    await env.collector.waitFor(() => tracked('Marker').length > 0);
    const [fv] = tracked('First Value Reached');
    expect(tracked('First Value Reached')).toHaveLength(1);
    const valueEvent = tracked('Report Created').find((m) => m.properties.sample === false)!;
    expect(fv!.properties).toEqual({ ttv_ms: Date.parse(valueEvent.timestamp) - createdAt, from: 'signup', cohort: '2026-W47', value_event: 'Report Created' });
    expect(fv!.userId).toBe('user-42');
    expect(fv!.messageId).toMatch(/^fv-[0-9a-f]{28}$/); // the same on every device: collectors keep one
    expect(props('Activation Step')).toEqual([{ source: 'flow', step: 'setup/start', ms_since_start: expect.any(Number), from: 'signup' }]);
    await ctx.close();
  });

  it('without a signup trait, time to value runs from the first visit', async () => {
    env.collector.requests = [];
    const { page, ctx } = await env.open('signals-flow.html');
    await sleep(1000);
    await page.reload();
    await page.click('#create');
    await env.collector.waitFor(() => tracked('First Value Reached').length > 0);
    const fv = props('First Value Reached')[0]!;
    expect(fv.from).toBe('first_seen');
    expect(fv.ttv_ms).toBeGreaterThanOrEqual(1000);
    expect(fv.ttv_ms).toBeLessThan(15_000);
    expect(fv.cohort).toMatch(/^\d{4}-W\d{2}$/);
    await ctx.close();
  });
});
