// @vitest-environment node
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv } from '../../integration/packages/packAndInstall.js';

/**
 * Each published package's README is what a newcomer reads on the npm registry: it must ship
 * in the tarball, and every code sample in it must compile against today's API, so a
 * renamed export or option breaks this test rather than the reader's first try.
 */
const root = fileURLToPath(new URL('../../..', import.meta.url));
const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces: string[]; scripts: Record<string, string>; 'size-limit': unknown };
const rootSizeLimit = rootPkg['size-limit'];
const manifest = (dir: string) => JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as Manifest;
interface Manifest {
  name: string;
  exports: Record<string, string | { types: string; default: string }>;
}
const PACKAGES = rootPkg.workspaces.map((dir) => ({ dir, name: manifest(dir).name }));
const readme = (dir: string) => readFileSync(join(root, dir, 'README.md'), 'utf8');

/** Put `<!-- not checked -->` on the line before a fence whose sample is deliberately partial. */
const NOT_CHECKED = '<!-- not checked -->';
/** Fence languages that are type-checked, and the file extension each is checked as. */
const CHECKED: Record<string, string> = { ts: 'ts', typescript: 'ts', tsx: 'tsx', js: 'js', javascript: 'js', mjs: 'js', jsx: 'jsx' };

interface Sample {
  dir: string;
  line: number;
  lang: string;
  code: string;
  checked: boolean;
}

/** Every fenced block of a README with its language and the line its code starts on. */
function samplesOf(dir: string): Sample[] {
  const text = readme(dir);
  const out: Sample[] = [];
  for (const m of text.matchAll(/^```(\w*)[^\n]*\n([\s\S]*?)^```\s*$/gm)) {
    const before = text.slice(0, m.index).trimEnd();
    out.push({
      dir,
      line: text.slice(0, m.index).split('\n').length + 1,
      lang: m[1]!,
      code: m[2]!,
      checked: !before.endsWith(NOT_CHECKED),
    });
  }
  return out;
}

describe('package READMEs', () => {
  let packed: Array<{ name: string; files: Array<{ path: string }> }>;
  beforeAll(() => {
    // What `npm publish` would upload, per workspace, without building or running scripts.
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--workspaces', '--ignore-scripts'], { cwd: root, env: cleanEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    packed = JSON.parse(out);
  }, 60_000);

  it.each(PACKAGES)('$name ships a README that names it and says how to install it', ({ dir, name }) => {
    expect(existsSync(join(root, dir, 'README.md')), `${dir}/README.md`).toBe(true);
    const entry = packed.find((p) => p.name == name);
    expect(entry, `npm pack ${name}`).toBeDefined();
    expect(entry!.files.map((f) => f.path)).toContain('README.md');
    const text = readme(dir);
    expect(text.split('\n', 1)[0]).toBe(`# ${name}`);
    expect(text).toMatch(new RegExp(`^npm install (.* )?${name.replace('/', '\\/')}( |$)`, 'm'));
    expect(text, 'license').toMatch(/^## License\n\nMIT/m);
  });

  it.each(PACKAGES)('$name README has type-checked samples, few left unchecked', ({ dir }) => {
    const code = samplesOf(dir).filter((s) => s.lang in CHECKED);
    expect(code.filter((s) => s.checked).length, 'checked samples').toBeGreaterThan(0);
    expect(code.filter((s) => !s.checked).length, `samples marked ${NOT_CHECKED}`).toBeLessThanOrEqual(1);
  });

  it.each(PACKAGES)('$name README links only to files and headings that exist', ({ dir }) => {
    const broken: string[] = [];
    for (const [, target] of readme(dir).matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/i.test(target!)) continue; // https://…, mailto:
      const [path, anchor] = target!.split('#') as [string, string | undefined];
      const file = path ? join(root, dir, path) : join(root, dir, 'README.md');
      if (!existsSync(file)) broken.push(`${target}: no such file`);
      else if (anchor && file.endsWith('.md') && !headingSlugs(readFileSync(file, 'utf8')).has(anchor)) broken.push(`${target}: no such heading`);
    }
    expect(broken).toEqual([]);
  });

  it.each(PACKAGES)('$name README states size budgets as size-limit enforces them', ({ dir }) => {
    // A budget is the package's when it measures one of its files, or a file it exports by name.
    const exported = Object.keys(manifest(dir).exports).map((k) => k.split('/').pop());
    const budgets = (rootSizeLimit as Array<{ path: string; limit: string }>)
      .filter((b) => b.path.startsWith(dir + '/') || exported.includes(b.path.split('/').pop()))
      .map((b) => b.limit);
    const stated = [...readme(dir).matchAll(/(\d+(?:\.\d+)?) kB\b/g)].map((m) => `${m[1]} kB`);
    expect(stated.filter((s) => !budgets.includes(s)), `figures in ${dir}/README.md that are no budget of it (${budgets.join(', ') || 'none'})`).toEqual([]);
  });

  it.each(PACKAGES)('$name README: its `npm run` commands exist and its loader snippet is the current one', ({ dir }) => {
    const rootReadme = readFileSync(join(root, 'README.md'), 'utf8');
    const scripts = Object.keys(rootPkg.scripts);
    const text = readme(dir);
    const runs = [...text.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!);
    expect(runs.filter((r) => !scripts.includes(r)), 'unknown npm scripts').toEqual([]);
    // The snippet that queues calls before sabu.min.js arrives: a stale copy would drop newer calls.
    const snippet = (t: string) => t.match(/^\s*!function\(w,n\).*$/m)?.[0].trim();
    if (snippet(text)) expect(snippet(text)).toBe(snippet(rootReadme));
  });

  it('the root README links each package README', () => {
    const text = readFileSync(join(root, 'README.md'), 'utf8');
    for (const { dir } of PACKAGES) expect(text, dir).toContain(`](${dir}/README.md)`);
  });

  describe('code samples compile against the packages', () => {
    const work = join(root, 'node_modules/.cache');
    let tmp: string;
    afterAll(() => {
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    });

    it('every ts/tsx/js/jsx sample type-checks', () => {
      mkdirSync(work, { recursive: true });
      // Inside the repository, so `react`, `vue`, `zod`… resolve from its node_modules as they would in an app.
      tmp = mkdtempSync(join(work, 'sabu-readme-samples-'));
      const files = new Map<string, Sample>();
      for (const { dir } of PACKAGES)
        for (const [i, s] of samplesOf(dir).entries()) {
          if (!(s.lang in CHECKED) || !s.checked) continue;
          const file = join(tmp, `${dir.split('/').pop()}-${i}.${CHECKED[s.lang]}`);
          // `export {}` keeps each sample a module of its own, so two samples may declare the same names.
          writeFileSync(file, s.code + '\nexport {};\n');
          files.set(file, s);
        }
      // What an app around the samples has: its own root component, and Vue's single-file component shim
      // (the one `npm create vite` writes).
      writeFileSync(join(tmp, 'App.tsx'), 'export default function App() { return null; }\n');
      writeFileSync(join(tmp, 'env.d.ts'), "declare module '*.vue' { const component: import('vue').Component; export default component; }\n");

      const base = ts.parseJsonConfigFileContent(ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile).config, ts.sys, root);
      const options: ts.CompilerOptions = {
        ...base.options,
        paths: pathsFromExports(),
        // A sample may show a value without using it; everything else stays as strict as the repository.
        noUnusedLocals: false,
        noUnusedParameters: false,
        allowJs: true,
        checkJs: true,
        noEmit: true,
      };
      const globals = PACKAGES.map(({ dir }) => join(root, dir, 'src/globals.d.ts')).filter(existsSync);
      const program = ts.createProgram([...files.keys(), join(tmp, 'env.d.ts'), ...globals], options);
      // Only the samples' own diagnostics: the packages' sources are `npm run typecheck`'s job,
      // and checking them again here would triple the time.
      const diagnostics = [
        ...program.getOptionsDiagnostics(),
        ...program.getGlobalDiagnostics(),
        ...[...files.keys()].flatMap((f) => {
          const source = program.getSourceFile(f)!;
          return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
        }),
      ];
      const problems = diagnostics.map((d) => {
        const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
        const sample = d.file && files.get(d.file.fileName);
        if (!sample || d.start === undefined) return `${d.file ? relative(root, d.file.fileName) : ''}: ${text}`;
        const { line } = d.file!.getLineAndCharacterOfPosition(d.start);
        return `${sample.dir}/README.md:${sample.line + line}: ${text}`;
      });
      expect(files.size).toBeGreaterThan(0);
      expect(problems).toEqual([]);
    }, 120_000);
  });
});

/**
 * `@sabu/x/sub` → the source file its `types` are built from (`./dist/signals/index.d.ts` →
 * `src/signals/index.ts`), from each package.json's `exports`, so every published subpath is
 * importable by a sample and nothing else is.
 */
function pathsFromExports(): Record<string, string[]> {
  const paths: Record<string, string[]> = {};
  for (const { dir } of PACKAGES) {
    const m = manifest(dir);
    for (const [sub, target] of Object.entries(m.exports)) {
      const id = m.name + sub.slice(1);
      if (typeof target == 'object') {
        const src = join(root, dir, target.types.replace(/^\.\/dist\//, 'src/').replace(/\.d\.ts$/, '.ts'));
        if (existsSync(src)) paths[id] = [src];
      } else if (target.endsWith('.json')) paths[id] = [join(root, dir, target)];
    }
  }
  return paths;
}

/** The anchors GitHub gives a Markdown file's headings: lower case, punctuation dropped, spaces as `-`. */
function headingSlugs(markdown: string): Set<string> {
  const slugs = new Set<string>();
  for (const [, heading] of markdown.replace(/^```[\s\S]*?^```/gm, '').matchAll(/^#{1,6} (.+)$/gm))
    slugs.add(heading!.trim().toLowerCase().replace(/[^\p{L}\p{N}\- _]/gu, '').replace(/ /g, '-'));
  return slugs;
}
