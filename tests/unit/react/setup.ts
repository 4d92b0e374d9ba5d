import { vi } from 'vitest';
import { fakePlatform } from '../sdk/fakePlatform';
import { onRouteChange } from '../../../packages/sdk/src/browser/onRouteChange';

/** React's act() needs this flag outside a test renderer. */
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let previous: { _reset(): void } | undefined;
/**
 * A fresh SDK (sources, on a fake platform whose route changes are the real history
 * watcher), so each test starts from a page that never ran Sabu; import the binding after it.
 */
export async function freshSdk() {
  // The last test's SDK stops (restoring history) and leaves the page, or the new one would stand down to it.
  previous?._reset();
  delete (window as unknown as Record<symbol, unknown>)[Symbol.for('sabu')];
  history.replaceState(null, '', '/');
  vi.resetModules();
  const api = await import('../../../packages/sdk/src/api');
  const fake = fakePlatform();
  const on = fake.platform.on;
  fake.platform.on = (event, cb) => (event == 'route' ? onRouteChange(cb) : on(event, cb));
  fake.platform.context = () => ({ page: { url: location.href, path: location.pathname, title: document.title }, library: { name: 'sabu', version: 'test' } });
  api._reset(() => fake.platform);
  previous = api;
  /** What the collector received: event names, `page:<path>` for page views. */
  const sent = async () => {
    await api.flush();
    return fake.sent.flatMap((s) => s.messages).map((m) => (m.type == 'page' ? `page:${m.context.page.path}${new URL(m.context.page.url).search}` : (m.event ?? m.type)));
  };
  return { api, fake, sent };
}

/** A fresh SDK and a fresh @sabu/react. */
export async function freshSabu() {
  const sdk = await freshSdk();
  return { ...sdk, binding: await import('@sabu/react') };
}
