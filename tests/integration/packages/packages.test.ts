// @vitest-environment node
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGES, cleanEnv, packAndInstall } from './packAndInstall.js';

/** Each package as npm would publish it: packed, installed into a fresh project, imported. */
let project: string;
let tarballs: Record<string, string>;
beforeAll(() => {
  ({ project, tarballs } = packAndInstall());
}, 240_000);
afterAll(() => {
  if (project) rmSync(dirname(project), { recursive: true, force: true });
});

const manifest = (p: string) => JSON.parse(readFileSync(`packages/${p}/package.json`, 'utf8'));
const listing = (tgz: string) => execFileSync('tar', ['tzf', tgz], { encoding: 'utf8' }).split('\n').filter(Boolean);

describe('the packed packages', () => {
  it('each carries the MIT license text, and nothing of the sources or tests', () => {
    const license = readFileSync('LICENSE', 'utf8');
    expect(license).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} Sabu contributors/);
    for (const p of PACKAGES) {
      const files = listing(tarballs[p]!);
      expect(files, p).toContain('package/LICENSE');
      expect(readFileSync(`packages/${p}/LICENSE`, 'utf8'), p).toBe(license);
      expect(manifest(p).license, p).toBe('MIT');
      expect(files.filter((f) => /^package\/(src|tests?)\//.test(f)), p).toEqual([]);
    }
  });

  it('install into a fresh project, and every export of every package resolves to a file', () => {
    const require = createRequire(join(project, 'index.js'));
    for (const p of PACKAGES) {
      const m = manifest(p);
      for (const [sub, target] of Object.entries(m.exports as Record<string, string | { types: string; default: string }>)) {
        const id = `${m.name}${sub.slice(1)}`;
        const file = require.resolve(id);
        expect(existsSync(file), id).toBe(true);
        if (typeof target == 'object') expect(existsSync(join(project, 'node_modules', m.name, target.types)), `${id} types`).toBe(true);
      }
    }
  });

  it('import in Node from the installed copies, not from this repository', async () => {
    const script = `
      const out = {};
      for (const id of ['@sabu/schema', '@sabu/schema/limits', '@sabu/schema/texts', '@sabu/sdk', '@sabu/sdk/signals', '@sabu/ui', '@sabu/collector']) {
        const m = await import(id);
        out[id] = Object.keys(m).length;
      }
      const { createRequire } = await import('node:module');
      out.where = createRequire(import.meta.url).resolve('@sabu/collector');
      console.log(JSON.stringify(out));`;
    const r = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: project, encoding: 'utf8', env: cleanEnv() }));
    expect(r.where.startsWith(join(project, 'node_modules'))).toBe(true);
    for (const id of ['@sabu/schema', '@sabu/sdk', '@sabu/ui', '@sabu/collector']) expect(r[id], id).toBeGreaterThan(0);
    expect((await import(pathToFileURL(join(project, 'node_modules/@sabu/schema/survey.schema.json')).href, { with: { type: 'json' } })).default.$id).toMatch(/survey\.schema\.json$/);
  });

  it('ship every file the script tag loads, exported by name', () => {
    const m = manifest('sdk');
    const entry = readFileSync(join(project, 'node_modules/@sabu/sdk/dist/sabu.min.js'), 'utf8');
    for (const chunk of new Set(entry.match(/sabu-[a-z]+\.js/g))) expect(m.exports[`./${chunk}`], chunk).toBe(`./dist/${chunk}`);
    // What start-up runs is compiled while the file streams in (parenthesized, scripts/eagerCompile.mjs,
    // issues 12 and 19), starting with the bundle itself; no file-wide hint compiles the rest.
    expect(entry.startsWith('var sabu=(function(){')).toBe(true);
    expect(entry).not.toContain('allFunctionsCalledOnLoad');
  });

  it('give a working sabu command', () => {
    const bin = join(project, 'node_modules/.bin/sabu');
    expect(execFileSync(bin, ['--version'], { cwd: project, encoding: 'utf8', env: cleanEnv() }).trim()).toBe(manifest('collector').version);
    expect(execFileSync(bin, ['--help'], { cwd: project, encoding: 'utf8', env: cleanEnv() })).toContain('sabu init');
  });
});
