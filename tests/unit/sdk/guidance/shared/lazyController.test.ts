import { describe, expect, it, vi } from 'vitest';
import { lazyController } from '../../../../../packages/sdk/src/guidance/shared/lazyController';

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('lazyController (the starters of surveys, playbooks and tours)', () => {
  it('loads the runtime once, on first use, and runs the uses made meanwhile in order', async () => {
    const seen: string[] = [];
    const runtime = vi.fn(async () => ({ tag: 'mod' }));
    const lazy = lazyController(runtime, () => ({ destroy() {}, add: (x: string) => seen.push(x) }), 'survey', 'sabu-surveys.js');
    expect(lazy.started()).toBe(false);
    lazy.use((c) => c.add('a'));
    lazy.use((c) => c.add('b'));
    expect([lazy.started(), lazy.get(), seen]).toEqual([true, undefined, []]);
    await flush();
    lazy.use((c) => c.add('c'));
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(runtime).toHaveBeenCalledTimes(1);
  });

  it('a use that throws once the runtime arrived (a definition, a host global that fails) stays inside: no unhandled rejection in the page', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const rejections: unknown[] = [];
    const onRejection = (r: unknown) => rejections.push(r);
    process.on('unhandledRejection', onRejection);
    try {
      const lazy = lazyController(async () => ({}), () => ({ destroy() {} }), 'tour', 'sabu-tours.js');
      lazy.use(() => {
        throw new TypeError('host JSON.stringify wrapper failed');
      });
      await flush();
      await flush();
      expect(rejections).toEqual([]);
      expect(error).toHaveBeenCalledWith(expect.stringContaining('host JSON.stringify wrapper failed'));
    } finally {
      process.off('unhandledRejection', onRejection);
      error.mockRestore();
    }
  });

  it('stopped before the runtime arrived, it never makes the controller; a runtime that fails to load is named once', async () => {
    const make = vi.fn(() => ({ destroy() {} }));
    const lazy = lazyController(async () => ({}), make, 'tour', 'sabu-tours.js');
    lazy.use(() => {});
    lazy.stop();
    await flush();
    expect(make).not.toHaveBeenCalled();

    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    lazyController(() => Promise.reject(new Error('offline')), make, 'tour', 'sabu-tours.js').use(() => {});
    await flush();
    expect(error.mock.calls.flat().join('\n')).toContain('sabu-tours.js');
    error.mockRestore();
  });
});
