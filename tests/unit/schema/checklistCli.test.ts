// @vitest-environment node
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../packages/collector/src/cli/runCli';
import { validateChecklist } from '../../../packages/sdk/src/guidance/checklist/validateChecklist';

const fixture = (name: string) => fileURLToPath(new URL(`../../e2e/fixtures/${name}`, import.meta.url));

describe('sabu validate on checklists', () => {
  it('exits 1 with the problems the browser reports, path by path', async () => {
    let out = '';
    const code = await runCli(['validate', fixture('checklist-invalid.json')], { out: (s) => (out += s), err: (s) => (out += s) });
    expect(code).toBe(1);
    const browser = validateChecklist(JSON.parse(readFileSync(fixture('checklist-invalid.json'), 'utf8')));
    expect(browser.length).toBeGreaterThan(1);
    for (const [path, message] of browser) expect(out).toContain(`${path}: ${message}`);
  });

  it('exits 0 for a valid checklist', async () => {
    let out = '';
    expect(await runCli(['validate', fixture('checklist-onboarding.json')], { out: (s) => (out += s), err: (s) => (out += s) })).toBe(0);
    expect(out).toContain('valid checklist');
  });
});
