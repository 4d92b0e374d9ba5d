import { StrictMode, act, useEffect, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
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

describe('useFeature', () => {
  it('records each use, the first with first_use (signals on), including a use on first render', async () => {
    const { api, binding, fake } = await freshSabu();
    const { signals } = await import('@sabu/sdk/signals');
    const { SabuProvider, useFeature } = binding;
    let markExport: ((p?: Record<string, unknown>) => void) | undefined;
    const seen = new Set<unknown>();
    function Exporter() {
      markExport = useFeature('export-csv');
      seen.add(markExport);
      // A use on the first render: the effect runs before the provider's, so before init().
      useEffect(() => markExport!({ format: 'csv' }), []);
      return null;
    }
    await render(<SabuProvider config={{ ...config, signals: { webVitals: false }, plugins: [signals()] }}><Exporter /></SabuProvider>);
    await render(<SabuProvider config={config}><Exporter /></SabuProvider>); // re-render: same function
    act(() => markExport!());
    await api.flush();
    const uses = fake.sent.flatMap((s) => s.messages).filter((m) => m.event == 'Feature Used');
    expect(uses.map((m) => m.properties)).toEqual([
      { feature: 'export-csv', format: 'csv', first_use: true },
      { feature: 'export-csv', first_use: false },
    ]);
    expect(seen.size).toBe(1);
  });
});

describe('useChecklist and useSurvey', () => {
  it('register their definitions before the SDK starts (no "call it before init()" warning), and the runtimes are asked for', async () => {
    const { binding } = await freshSabu();
    const { SabuProvider, useChecklist, useSurvey } = binding;
    const checklistDef = { id: 'onboarding', title: 'Get started', items: [] };
    let open: (() => void) | undefined;
    function Guidance() {
      open = useChecklist(checklistDef);
      useSurvey('/surveys/nps.json');
      return null;
    }
    await render(<StrictMode><SabuProvider config={config}><Guidance /></SabuProvider></StrictMode>);
    // In happy-dom the runtimes (sabu-checklist.js, sabu-surveys.js beside the build) cannot
    // load: the SDK saying so proves both were registered and asked for (once each).
    const errors = () => (console.error as unknown as { mock: { calls: unknown[][] } }).mock.calls.flat().join('\n');
    await vi.waitFor(() => expect(errors()).toContain('sabu-checklist.js'), { timeout: 5000 });
    await vi.waitFor(() => expect(errors()).toContain('sabu-surveys.js'), { timeout: 5000 });
    const warnings = (console.warn as unknown as { mock: { calls: unknown[][] } }).mock.calls.flat().join('\n');
    expect(warnings).not.toMatch(/after init\(\)/);
    expect(() => open!()).not.toThrow();
  });
});

describe('useTour', () => {
  const welcome = { id: 'welcome', triggers: [{ requested: true }], steps: [{ id: 'hello', text: 'Hi' }] };
  const logged = () => [console.warn, console.error].flatMap((f) => (f as unknown as { mock: { calls: unknown[][] } }).mock.calls.flat()).join('\n');

  it("returns a stable start(); with the provider's config.tours registered before the SDK starts, starting asks for the tours runtime", async () => {
    const { binding } = await freshSabu();
    const { SabuProvider, useTour } = binding;
    const starts = new Set<() => void>();
    function TourButton() {
      starts.add(useTour('welcome'));
      return null;
    }
    await render(<StrictMode><SabuProvider config={{ ...config, tours: [welcome] }}><TourButton /></SabuProvider></StrictMode>);
    await render(<StrictMode><SabuProvider config={{ ...config, tours: [welcome] }}><TourButton /></SabuProvider></StrictMode>);
    expect(starts.size).toBe(1);
    [...starts][0]!();
    // In happy-dom the runtime beside the build cannot load: the SDK saying so proves the tour was handed over.
    await vi.waitFor(() => expect(logged()).toContain('sabu-tours.js'), { timeout: 5000 });
    expect(logged()).not.toMatch(/tour\(\)/); // no "call tour() before init()": the provider registered the tours
  });

  it('says once, without throwing, that tours must be configured when none were', async () => {
    const { binding } = await freshSabu();
    const { SabuProvider, useTour } = binding;
    let start: (() => void) | undefined;
    function TourButton() {
      start = useTour('welcome');
      return null;
    }
    await render(<SabuProvider config={config}><TourButton /></SabuProvider>);
    expect(() => (start!(), start!())).not.toThrow();
    expect(logged()).toMatch(/\[sabu\] tour\(\)/);
    expect(logged()).not.toContain('sabu-tours.js');
  });
});

describe('useAskSurvey', () => {
  it('returns a stable function that asks the SDK for survey id (an unknown id is named once, nothing thrown)', async () => {
    const { binding } = await freshSabu();
    const { SabuProvider, useAskSurvey } = binding;
    const asks = new Set<() => void>();
    function FeedbackButton() {
      asks.add(useAskSurvey('csat'));
      return null;
    }
    await render(<StrictMode><SabuProvider config={config}><FeedbackButton /></SabuProvider></StrictMode>);
    expect(asks.size).toBe(1);
    expect(() => [...asks][0]!()).not.toThrow();
    const logged = [console.warn, console.error].flatMap((f) => (f as unknown as { mock: { calls: unknown[][] } }).mock.calls.flat()).join('\n');
    expect(logged).toContain('survey("csat"): no survey with this id is registered');
  });
});
