import { StrictMode, useEffect, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { freshSabu } from './setup';

const config = { writeKey: 'wk_test_0001_public', endpoint: '/v1/batch', trackPages: false };
let root: Root | undefined;
let el: HTMLElement;
beforeEach(() => {
  el = document.body.appendChild(document.createElement('div'));
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  el.remove();
  vi.restoreAllMocks();
});
const render = (node: ReactNode) => act(() => (root ??= createRoot(el)).render(node));

describe('<SabuProvider>', () => {
  it('starts the SDK once under StrictMode (double effects), and again-rendered providers do not restart it', async () => {
    const { api, binding, sent } = await freshSabu();
    const { SabuProvider } = binding;
    await render(<StrictMode><SabuProvider config={config}><p>app</p></SabuProvider></StrictMode>);
    expect(api.status()).toBeDefined();
    // Fast Refresh remounts the tree with the module state kept: the same provider mounts again.
    await render(<StrictMode><SabuProvider config={{ ...config, writeKey: 'wk_other_0001_public' }}><p>edited</p></SabuProvider></StrictMode>);
    api.track('After Remount');
    expect(await sent()).toEqual(['After Remount']);
    expect(console.warn).not.toHaveBeenCalled(); // no "init() called twice"
  });

  it('keeps calls children make on their first render (effects run before the provider starts)', async () => {
    const { binding, sent } = await freshSabu();
    const { SabuProvider, useTrack, useIdentify } = binding;
    function Child() {
      const track = useTrack();
      const identify = useIdentify();
      useEffect(() => {
        identify('u1', { plan: 'pro' });
        track('Child Mounted');
      }, []);
      return null;
    }
    await render(<StrictMode><SabuProvider config={config}><Child /></SabuProvider></StrictMode>);
    // StrictMode runs the child's effect twice: the host's own effect, counted as written.
    expect(await sent()).toEqual(['identify', 'Child Mounted', 'identify', 'Child Mounted']);
  });

  it('sends the automatic first page view once when trackPages is on', async () => {
    const { binding, sent } = await freshSabu();
    const { SabuProvider } = binding;
    await render(<StrictMode><SabuProvider config={{ ...config, trackPages: true }} /></StrictMode>);
    expect(await sent()).toEqual(['page:/']);
  });

  it('keeps running after the provider unmounts: queued events are still delivered', async () => {
    const { api, binding, sent } = await freshSabu();
    const { SabuProvider, useSabu } = binding;
    let sabu: ReturnType<typeof useSabu> | undefined;
    function Child() {
      sabu = useSabu();
      return null;
    }
    await render(<SabuProvider config={config}><Child /></SabuProvider>);
    sabu!.track('Before Unmount');
    act(() => root!.unmount());
    root = undefined;
    expect(api.status()!.queued).toBe(1);
    expect(await sent()).toEqual(['Before Unmount']);
  });
});
