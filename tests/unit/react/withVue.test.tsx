import { act, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApp, h } from 'vue';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { freshSdk } from './setup';

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

/**
 * A page migrating from Vue to React (or embedding one in the other) runs both bindings.
 * They share the SDK's startOnce(): the SDK starts once, with whichever config came first.
 */
it('starts the SDK once when a React and a Vue app on one page both configure it', async () => {
  const { api, fake } = await freshSdk();
  const react = await import('@sabu/react');
  const vue = await import('@sabu/vue');
  const config = { writeKey: 'wk_test_0001_public', endpoint: '/v1/react', trackPages: false };
  const reactEl = document.body.appendChild(document.createElement('div'));
  const vueEl = document.body.appendChild(document.createElement('div'));
  const root = createRoot(reactEl);
  await act(() => root.render(<StrictMode><react.SabuProvider config={config}><p>react</p></react.SabuProvider></StrictMode>));
  const app = createApp({ render: () => h('p', 'vue') }).use(vue.sabu, { ...config, endpoint: '/v1/vue' });
  app.mount(vueEl);
  await new Promise((r) => setTimeout(r, 10)); // the plugin starts after the current task
  api.track('Both Mounted');
  await api.flush();
  expect(fake.sent.map((s) => s.url)).toEqual(['/v1/react']);
  expect(console.warn).not.toHaveBeenCalled(); // no "init() called twice"
  act(() => root.unmount());
  app.unmount();
  reactEl.remove();
  vueEl.remove();
});
