// @vitest-environment node
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

describe('@sabu/react on the server', () => {
  it('renders the provider and every hook with renderToString without a window, and starts nothing', async () => {
    const { SabuProvider, useSabu, useTrack, useIdentify, useFeature, useChecklist, useSurvey, useTour, useSabuPageViews } = await import('@sabu/react');
    const sdk = await import('@sabu/sdk');
    function App() {
      useSabu();
      useTrack();
      useIdentify();
      const mark = useFeature('export-csv');
      useChecklist('/onboarding.json');
      useSurvey('/nps.json');
      useTour('welcome');
      useSabuPageViews({ pathname: '/projects', search: '' });
      return createElement('button', { onClick: () => mark() }, 'Export');
    }
    expect(typeof window).toBe('undefined');
    const html = renderToString(createElement(SabuProvider, { config: { writeKey: 'wk_test_0001_public', endpoint: '/v1/batch' } }, createElement(App)));
    expect(html).toBe('<button>Export</button>');
    expect(sdk.status()).toBeUndefined(); // not started
  });
});

describe('the built @sabu/react', () => {
  it("starts with 'use client', so Next.js App Router layouts (server components) can render the provider", async () => {
    const { readFile } = await import('node:fs/promises');
    const code = await readFile(new URL('../../../packages/react/dist/index.js', import.meta.url), 'utf8');
    expect(code.startsWith("'use client';\n")).toBe(true);
  });
});
