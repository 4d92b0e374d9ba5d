// @vitest-environment node
import { describe, expect, it } from 'vitest';

describe('server-side rendering', () => {
  it('imports the built ESM bundle in Node without a window, and calls are no-ops', async () => {
    const sdk = await import('../../../packages/sdk/dist/index.js');
    expect(typeof window).toBe('undefined');
    expect(() => {
      sdk.init({ writeKey: 'wk', endpoint: '/v1/batch' });
      sdk.track('Rendered On Server');
    }).not.toThrow();
    await expect(sdk.flush()).resolves.toBeUndefined();
  });

  it('evaluates the script-tag bundle without a window', async () => {
    const { readFile } = await import('node:fs/promises');
    const code = await readFile(new URL('../../../packages/sdk/dist/sabu.min.js', import.meta.url), 'utf8');
    const sabu = new Function(code + '; return sabu;')();
    expect(typeof sabu.track).toBe('function');
  });
});
