// @vitest-environment node
import { describe, expect, it } from 'vitest';

describe('@sabu/sdk/signals entry', () => {
  it('exports exactly signals(), and imports in Node (server-side rendering) without touching the DOM', async () => {
    const entry = await import('../../../../packages/sdk/src/signals/index');
    expect(Object.keys(entry)).toEqual(['signals']);
    const plugin = entry.signals();
    expect(plugin.name).toBe('signals');
    expect(typeof window).toBe('undefined');
    const api = { track() {}, onMessage: () => () => {}, user: () => ({ anonymousId: 'a', userId: null, groupId: null, traits: {} }), config: {} as never };
    expect(plugin.setup!(api)).toBeUndefined();
  });
  it('is a separate file of the built package, named in its exports map', async () => {
    const { readFileSync, existsSync } = await import('node:fs');
    const pkg = JSON.parse(readFileSync(new URL('../../../../packages/sdk/package.json', import.meta.url), 'utf8'));
    expect(pkg.exports['./signals']).toEqual({ types: './dist/signals/index.d.ts', default: './dist/signals/index.js' });
    for (const f of ['signals/index.js', 'signals/index.d.ts', 'sabu-flows.js']) {
      expect(existsSync(new URL('../../../../packages/sdk/dist/' + f, import.meta.url)), f).toBe(true);
    }
  });
});
