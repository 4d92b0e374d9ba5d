import { createApp, defineComponent, h, onMounted, ref } from 'vue';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { freshSabu, settle } from './setup';

const config = { writeKey: 'wk_test_0001_public', endpoint: '/v1/batch', trackPages: false };
let el: HTMLElement;
const unmounts: (() => void)[] = [];
beforeEach(() => {
  el = document.body.appendChild(document.createElement('div'));
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  unmounts.splice(0).forEach((u) => u());
  el.remove();
  vi.restoreAllMocks();
});
const mount = (component: object, options = config, plugin: { install(...a: any[]): void }) => {
  const app = createApp(component).use(plugin as never, options);
  app.mount(el.appendChild(document.createElement('div')));
  unmounts.push(() => app.unmount());
  return app;
};

describe('app.use(sabu, config)', () => {
  it('starts the SDK once, even when installed again (a second app, HMR of the entry)', async () => {
    const { api, binding, sent } = await freshSabu();
    mount({ render: () => h('p', 'one') }, config, binding.sabu);
    mount({ render: () => h('p', 'two') }, { ...config, writeKey: 'wk_other_0001_public' }, binding.sabu);
    await settle();
    expect(api.status()).toBeDefined();
    api.track('Started');
    expect(await sent()).toEqual(['Started']);
    expect(console.warn).not.toHaveBeenCalled(); // no "init() called twice"
  });

  it('keeps calls components make in setup and onMounted of the first render, in order', async () => {
    const { binding, sent } = await freshSabu();
    const { useTrack, useIdentify } = binding;
    const Child = defineComponent({
      setup() {
        const track = useTrack();
        useIdentify()('u1', { plan: 'pro' });
        onMounted(() => track('Child Mounted'));
        return () => h('p', 'child');
      },
    });
    mount({ render: () => h(Child) }, config, binding.sabu);
    await settle();
    expect(await sent()).toEqual(['identify', 'Child Mounted']);
  });

  it('sends the automatic first page view once when trackPages is on', async () => {
    const { binding, sent } = await freshSabu();
    mount({ render: () => h('p') }, { ...config, trackPages: true }, binding.sabu);
    await settle();
    expect(await sent()).toEqual(['page:/']);
  });

  it('keeps running after app.unmount(): queued events are still delivered', async () => {
    const { api, binding, sent } = await freshSabu();
    mount({ render: () => h('p') }, config, binding.sabu);
    await settle();
    binding.useSabu().track('Before Unmount');
    unmounts.splice(0).forEach((u) => u());
    expect(api.status()!.queued).toBe(1);
    expect(await sent()).toEqual(['Before Unmount']);
  });
});

describe('useFeature', () => {
  it('records each use, the first with first_use (signals on), including a use in the first render', async () => {
    const { api, fake, binding } = await freshSabu();
    const { signals } = await import('@sabu/sdk/signals');
    let mark: ((p?: Record<string, unknown>) => void) | undefined;
    const Exporter = defineComponent({
      setup() {
        mark = binding.useFeature(() => 'export-csv');
        onMounted(() => mark!({ format: 'csv' }));
        return () => h('button', 'Export');
      },
    });
    mount(Exporter, { ...config, signals: { webVitals: false }, plugins: [signals()] } as typeof config, binding.sabu);
    await settle();
    mark!();
    await api.flush();
    const uses = fake.sent.flatMap((s) => s.messages).filter((m) => m.event == 'Feature Used');
    expect(uses.map((m) => m.properties)).toEqual([
      { feature: 'export-csv', format: 'csv', first_use: true },
      { feature: 'export-csv', first_use: false },
    ]);
  });
});

describe('useChecklist and useSurvey', () => {
  it('register their definitions before the SDK starts (no "call it before init()" warning), and the runtimes are asked for', async () => {
    const { binding } = await freshSabu();
    let open: (() => void) | undefined;
    const Guidance = defineComponent({
      setup() {
        open = binding.useChecklist({ id: 'onboarding', title: 'Get started', items: [] });
        binding.useSurvey('/surveys/nps.json');
        return () => h('p');
      },
    });
    mount(Guidance, config, binding.sabu);
    // In happy-dom the runtimes beside the build cannot load: the SDK saying so proves both were registered and asked for.
    const errors = () => vi.mocked(console.error).mock.calls.flat().join('\n');
    await vi.waitFor(() => expect(errors()).toContain('sabu-checklist.js'), { timeout: 5000 });
    await vi.waitFor(() => expect(errors()).toContain('sabu-surveys.js'), { timeout: 5000 });
    const warnings = vi.mocked(console.warn).mock.calls.flat().join('\n');
    expect(warnings).not.toMatch(/after init\(\)/);
    expect(() => open!()).not.toThrow();
  });
});

describe('useTour', () => {
  const welcome = { id: 'welcome', triggers: [{ requested: true }], steps: [{ id: 'hello', text: 'Hi' }] };
  const logged = () => [console.warn, console.error].flatMap((f) => vi.mocked(f).mock.calls.flat()).join('\n');

  it('starts the tour read from a ref at each use; config.tours is registered before Sabu starts', async () => {
    const { binding } = await freshSabu();
    const id = ref('nothing-yet');
    let start: (() => void) | undefined;
    mount(defineComponent({ setup: () => ((start = binding.useTour(id)), () => h('p')) }), { ...config, tours: [welcome] } as typeof config, binding.sabu);
    await settle();
    id.value = 'welcome';
    start!();
    await vi.waitFor(() => expect(logged()).toContain('sabu-tours.js'), { timeout: 5000 }); // the runtime was asked for (it cannot load in happy-dom)
    expect(logged()).not.toMatch(/tour\(\)/); // no "call tour() before init()"
  });

  it('says once, without throwing, that tours must be configured when none were', async () => {
    const { binding } = await freshSabu();
    let start: (() => void) | undefined;
    mount(defineComponent({ setup: () => ((start = binding.useTour('welcome')), () => h('p')) }), config, binding.sabu);
    await settle();
    expect(() => (start!(), start!())).not.toThrow();
    expect(logged()).toMatch(/\[sabu\] tour\(\)/);
    expect(logged()).not.toContain('sabu-tours.js');
  });
});
