import { describe, expect, it } from 'vitest';
import { useE2E } from './utils/fixture';

const env = useE2E();
const props = (name: string) => env.collector.stored().filter((m) => m.type == 'track' && m.event == name).map((m) => m.properties);

describe('signals from the ESM build (@sabu/sdk/signals)', () => {
  it('runs the plugin, its on-demand flows chunk and feature()', async () => {
    env.collector.requests = [];
    const { page, ctx, logs } = await env.open('signals-esm.html');
    await page.click('#broken');
    await page.evaluate(() => (window as any).app.feature('export-csv'));
    await env.collector.waitFor(() => props('Dead Click').length > 0); // before the next click, which would cut its window short
    await page.click('#create');
    await env.collector.waitFor(() => props('Flow Completed').length > 0 && props('First Value Reached').length > 0);
    expect(props('Dead Click')[0]).toMatchObject({ selector: '#broken', text: 'Does nothing' });
    expect(props('Flow Step Completed').map((p) => p.step)).toEqual(['open', 'report']);
    expect(props('Feature Used')).toEqual([{ feature: 'export-csv', first_use: true }]);
    expect(props('First Value Reached')[0]).toMatchObject({ from: 'first_seen', value_event: 'Report Created' });
    expect(logs).toEqual([]);
    await ctx.close();
  });
});
