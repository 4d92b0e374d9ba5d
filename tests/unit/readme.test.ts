// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));

describe('README', () => {
  it('states every size budget that size-limit enforces', () => {
    const table = readme.slice(readme.indexOf('| what you load | budget |'));
    for (const check of pkg['size-limit'] as Array<{ path: string; limit: string }>) {
      const file = check.path.split('/').pop()!;
      const row = table.split('\n').find((l) => l.includes('`' + file + '`'));
      expect(row, `README row for ${check.path}`).toBeDefined();
      expect(row).toContain(`| ${check.limit} |`);
    }
  });

  it('has a two-command quick start: demo and tests', () => {
    const quick = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('## Add Sabu'));
    const commands = quick.match(/^npm .*$/gm) ?? [];
    expect(commands).toHaveLength(2);
    expect(commands[0]).toMatch(/^npm install && npm start/);
    expect(commands[1]).toMatch(/^npm install && npm test/);
  });

  it("shows first, in 'Add Sabu to your app', the path the getting-started e2e test follows", () => {
    const section = readme.slice(readme.indexOf('## Add Sabu to your app'), readme.indexOf('## What you can count on'));
    const e2e = readFileSync(new URL('tests/e2e/getting-started.test.ts', root), 'utf8');
    expect(readme.indexOf('## Add Sabu to your app')).toBe(readme.indexOf('\n## ', readme.indexOf('## Quick start') + 1) + 1);
    for (const step of ['npm pack --workspaces', 'npm install ~/sabu-packages/*.tgz', 'npx sabu init --origin', 'npx sabu start', '/sdk/sabu.min.js', '#/live', 'npx sabu tail', 'npx sabu report']) {
      expect(section, step).toContain(step);
    }
    for (const step of ["sabu(['init', '--origin'", "sabu(['start'])", "sabu(['tail'])", "sabu(['report'", '#/live', 'packAndInstall()']) expect(e2e, step).toContain(step);
  });

  it('names every runnable example (each `npm run example:*` script) where the framework examples are listed', () => {
    const frameworks = readFileSync(new URL('docs/frameworks.md', root), 'utf8');
    const scripts = Object.keys(pkg.scripts as Record<string, string>).filter((s) => s.startsWith('example:'));
    expect(scripts.length).toBeGreaterThan(0);
    const flat = readme.replace(/\s+/g, ' '); // a line break may fall inside `npm run example:x`
    expect(scripts.filter((s) => !flat.includes(`npm run ${s}`)), 'missing in README.md').toEqual([]);
    expect(scripts.filter((s) => !frameworks.includes(`npm run ${s}`)), 'missing in docs/frameworks.md').toEqual([]);
  });

  it('lists every call of the public API in the snippets (status() returns a value, so it cannot be queued; startOnce() is for framework bindings, the tag starts itself)', async () => {
    const api = Object.keys(await import('../../packages/sdk/src/index')).filter((k) => k != 'status' && k != 'startOnce');
    for (const file of ['README.md', 'docs/sdk.md', 'examples/basic/index.html', 'packages/collector/src/cli/snippet.ts']) {
      const text = readFileSync(new URL(file, root), 'utf8');
      const snippet = JSON.parse(text.match(/\["init".*?\]/)![0]) as string[];
      expect(snippet.sort(), file).toEqual(api.sort());
    }
  });
});
