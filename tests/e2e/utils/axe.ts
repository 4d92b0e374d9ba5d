import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core's tags for WCAG 2.0, 2.1 and 2.2 at levels A and AA. */
export const WCAG22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/**
 * Runs axe-core (WCAG 2.2 AA rules) in the page on what `selector` matches, shadow trees
 * included, and returns the violations as readable lines ("rule: help → targets"), so that
 * `expect(await axeViolations(page, 'sabu-ui')).toEqual([])` shows what failed.
 */
export async function axeViolations(page: Page, selector: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  // Entry animations fade colours in: contrast is measured once they have finished.
  await page.evaluate(async (selector) => {
    const el = document.querySelector(selector);
    await Promise.all((el?.shadowRoot ?? document).getAnimations().map((a) => a.finished.catch(() => {})));
  }, selector);
  const violations = await page.evaluate(
    async ({ selector, tags }) => {
      const axe = (window as any).axe;
      const result = await axe.run({ include: [[selector]] }, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return (result.violations as any[]).map((v) => `${v.id}: ${v.help} → ${v.nodes.map((n: any) => JSON.stringify(n.target) + ' ' + (n.failureSummary ?? '').replace(/\s+/g, ' ')).join('; ')}`);
    },
    { selector, tags: WCAG22_AA },
  );
  return violations;
}
