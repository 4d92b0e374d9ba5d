import { afterEach, describe, expect, it, vi } from 'vitest';
import { _resetUI, loadUI, setScriptSrc } from '../../../../../packages/sdk/src/guidance/shared/loadUI';
import type { SabuUI } from '../../../../../packages/sdk/src/guidance/shared/uiContract';

describe('loading the UI chunk', () => {
  afterEach(() => {
    _resetUI();
    vi.restoreAllMocks();
  });

  it('loads once, however many widgets ask', async () => {
    const mod = { version: 'x' } as SabuUI;
    const source = vi.fn(async () => mod);
    const [a, b] = await Promise.all([loadUI(source), loadUI(source)]);
    expect(a).toBe(mod);
    expect(b).toBe(mod);
    expect(source).toHaveBeenCalledOnce();
  });

  it('resolves null with one [sabu] error when it cannot be loaded, never rejecting', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    await expect(loadUI(async () => Promise.reject(new Error('offline')))).resolves.toBeNull();
    expect(error).toHaveBeenCalledWith(expect.stringMatching(/^\[sabu\] could not load the widgets from "config.ui" \(Error: offline\)/));
  });

  it('without a script tag or config.ui, says how to fix it', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    await expect(loadUI()).resolves.toBeNull();
    expect(error.mock.calls[0]![0]).toContain('set config.ui');
  });

  it('derives the default URL from the script tag: sabu-ui.js in the same folder', async () => {
    setScriptSrc('https://cdn.example/sabu/0.1.0/sabu.min.js?v=1');
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    await loadUI(); // happy-dom cannot import it; the message names the URL it tried
    expect(error.mock.calls[0]![0]).toContain('"https://cdn.example/sabu/0.1.0/sabu-ui.js"');
  });
});
