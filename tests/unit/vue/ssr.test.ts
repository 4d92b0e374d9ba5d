// @vitest-environment node
import { createSSRApp, defineComponent, h } from 'vue';
import { renderToString } from 'vue/server-renderer';
import { createMemoryHistory, createRouter } from 'vue-router';
import { describe, expect, it, vi } from 'vitest';

describe('@sabu/vue on the server', () => {
  it('installs and renders every composable with renderToString without a window, and starts nothing', async () => {
    const { sabu, useSabu, useTrack, useIdentify, useFeature, useChecklist, useSurvey, useTour, useSabuPageViews } = await import('@sabu/vue');
    const sdk = await import('@sabu/sdk');
    const App = defineComponent({
      setup() {
        useSabu();
        useTrack();
        useIdentify();
        const mark = useFeature('export-csv');
        useChecklist('/onboarding.json');
        useSurvey('/nps.json');
        useTour('welcome');
        return () => h('button', { onClick: () => mark() }, 'Export');
      },
    });
    expect(typeof window).toBe('undefined');
    const warn = vi.spyOn(console, 'warn');
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: App }] });
    const app = createSSRApp({ render: () => h(App) }).use(sabu, { writeKey: 'wk_test_0001_public', endpoint: '/v1/batch', trackPages: false });
    useSabuPageViews(router);
    app.use(router);
    await router.push('/');
    expect(await renderToString(app)).toBe('<button>Export</button>');
    await new Promise((r) => setTimeout(r, 10));
    expect(sdk.status()).toBeUndefined(); // not started
    expect(warn.mock.calls.filter((c) => String(c[0]).startsWith('[sabu]'))).toEqual([]); // router page views are quiet on the server
  });
});
