import { createApp, defineComponent, h } from 'vue';
import { createRouter, createWebHashHistory, createWebHistory, RouterLink, RouterView, type Router } from 'vue-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { freshSabu, settle } from './setup';

let el: HTMLElement;
let unmount: (() => void) | undefined;
beforeEach(() => {
  el = document.body.appendChild(document.createElement('div'));
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  unmount?.();
  unmount = undefined;
  el.remove();
  vi.restoreAllMocks();
});

const Page = (name: string) => defineComponent({ setup: () => () => h('h1', name) });

/** A Vue Router app: two routes and a guard that blocks /forbidden. */
async function app(trackPages: boolean | undefined, makeHistory = createWebHistory) {
  const s = await freshSabu();
  const { sabu, useSabuPageViews } = s.binding;
  const history = makeHistory(); // after freshSabu() put the page back at /
  const router: Router = createRouter({
    history,
    routes: [
      { path: '/', component: Page('Home') },
      { path: '/projects', component: Page('Projects') },
      { path: '/forbidden', component: Page('Forbidden'), beforeEnter: () => false },
    ],
  });
  router.afterEach((to) => void (document.title = `${to.path} | Acme`)); // the app's own title
  const a = createApp({ render: () => [h(RouterLink, { to: '/projects' }, () => 'Projects'), h(RouterView)] });
  a.use(sabu, { writeKey: 'wk_test_0001_public', endpoint: '/v1/batch', ...(trackPages == null ? {} : { trackPages }) });
  const off = useSabuPageViews(router);
  a.use(router);
  a.mount(el);
  // The router's history listens to popstate: it must not navigate the next test's page.
  unmount = () => (a.unmount(), history.destroy());
  await router.isReady();
  const journey = async () => {
    await router.push('/projects');
    await router.push('/projects'); // the same route again
    await router.push('/projects#section'); // an anchor: the same page
    await router.push('/forbidden'); // blocked: no page
    await router.push('/projects?sort=new');
    await router.push('/');
    router.back();
    await settle();
  };
  return { ...s, router, journey, off };
}

describe('useSabuPageViews with Vue Router', () => {
  it('with trackPages: false, counts the first route and each route change once, with the title set by an earlier afterEach of the app', async () => {
    const { journey, sent, fake } = await app(false);
    await journey();
    expect(await sent()).toEqual(['page:/', 'page:/projects', 'page:/projects?sort=new', 'page:/', 'page:/projects?sort=new']);
    const titles = fake.sent.flatMap((s) => s.messages).map((m) => m.context.page.title);
    expect(titles.slice(0, 2)).toEqual(['/ | Acme', '/projects | Acme']);
  });

  it('with the SDK counting pages itself (the default), stays inert: no page view is doubled', async () => {
    const { journey, sent } = await app(undefined);
    await journey();
    // One per URL change, from the SDK alone (its history watcher counts the anchor too).
    expect(await sent()).toEqual(['page:/', 'page:/projects', 'page:/projects', 'page:/projects?sort=new', 'page:/', 'page:/projects?sort=new']);
    expect(console.warn).toHaveBeenCalledWith(expect.stringContaining('useSabuPageViews: the SDK counts route changes itself'));
  });

  it('with hash history, counts routes, not the #/ the history adds to the landing URL', async () => {
    const { router, sent, fake } = await app(false, createWebHashHistory);
    await router.push('/projects');
    await router.push('/projects#section');
    await settle();
    await sent();
    expect(fake.sent.flatMap((s) => s.messages).map((m) => new URL(m.context.page.url).hash)).toEqual(['#/', '#/projects']);
  });

  it('stops counting after its cleanup', async () => {
    const { router, sent, off } = await app(false);
    off();
    await router.push('/projects');
    await settle();
    expect(await sent()).toEqual(['page:/']);
  });
});
