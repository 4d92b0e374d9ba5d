import { describe, expect, it } from 'vitest';
import { useHost } from './useHost';

/**
 * A tour across client-side routes on the framework hosts of the matrix: React Router
 * (history routes under /h/react/) and Vue Router with hash history (/h/vue/#/…). Step 1
 * waits for a click on the Projects link; step 2 is on the Projects route, anchored to a
 * button the framework re-renders there.
 */
const env = useHost('react', 'vue');
const tourFor = (projects: string) => ({
  id: 'hosts-tour',
  steps: [
    { id: 'nav', anchor: '#nav-projects', text: 'Open Projects.', advance: 'click' },
    { id: 'create', url: projects, anchor: '#create-project', text: 'Create one here.' },
  ],
});

describe('a tour across client-side routes (React Router, Vue hash router)', () => {
  for (const [host, projects] of [['react', '/h/react/projects'], ['vue', 'http*#/projects']] as const)
    it(`${host}: the tour follows the route change to the step's page and its anchor`, async () => {
      const { page, ctx, logs } = await env.open(`h/${host}/`);
      await page.locator('#nav-projects').waitFor();
      await page.evaluate((def) => ((window as any).sabu.tour(def), (window as any).sabu.tour('hosts-tour')), tourFor(projects));
      const tip = page.locator('sabu-ui .tip');
      await tip.waitFor();
      expect(await page.locator('sabu-ui .txt').innerText()).toBe('Open Projects.');
      await page.locator('#nav-projects').click();
      await expect.poll(() => page.locator('#title').textContent()).toBe('Projects');
      await expect.poll(() => page.locator('sabu-ui .prog').innerText()).toBe('2 of 2');
      const [a, t] = [(await page.locator('#create-project').boundingBox())!, (await tip.boundingBox())!];
      expect(t.y).toBeGreaterThan(a.y); // below its anchor
      expect(logs.filter((l) => !/checklist|survey/.test(l))).toEqual([]);
      await ctx.close();
    });
});
