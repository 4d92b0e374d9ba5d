// One helper builds every package, so each gets the same TypeScript, minifier and
// property-mangling settings (the floating-ui pattern: one shared build config).
import typescript from '@rollup/plugin-typescript';
import terser from '@rollup/plugin-terser';
import resolve from '@rollup/plugin-node-resolve';
import { copyFileSync, readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { eagerCompile } from './scripts/eagerCompile.mjs';

const sdkVersion = JSON.parse(readFileSync('packages/sdk/package.json', 'utf8')).version;

const terserOptions = {
  ecma: 2020,
  // Not `module: true`: the IIFE's top-level `var sabu` is the global and must survive.
  compress: { passes: 3, pure_getters: true, unsafe_arrows: true, unsafe_methods: true, unsafe_comps: true },
  // Private members start with `_`; the minifier renames them (web-vitals does the same).
  mangle: { properties: { regex: /^_/ } },
  format: { comments: false },
};

/** Replaces compile-time constants (`__VERSION__`) without a plugin. */
const defines = (values) => ({
  name: 'defines',
  transform(code) {
    let out = code;
    for (const [k, v] of Object.entries(values)) out = out.split(k).join(v);
    return out === code ? null : { code: out, map: null };
  },
});

const ts = (pkg, declarations) =>
  typescript({
    tsconfig: `packages/${pkg}/tsconfig.json`,
    ...(declarations
      ? { declaration: true, declarationDir: `packages/${pkg}/dist`, outDir: `packages/${pkg}/dist` }
      : { declaration: false, declarationMap: false, outDir: `packages/${pkg}/dist` }),
  });

/**
 * @param {string} pkg folder under packages/
 * @param {{ input: string | string[], esm?: boolean, iife?: { input: string, file: string, name: string, eager?: boolean }, esmMin?: { input: string, file: string, external?: (string|RegExp)[] } | { input: string, file: string, external?: (string|RegExp)[] }[], external?: (string|RegExp)[], banner?: string }} o
 */
export function definePackage(pkg, o) {
  const builds = [];
  const common = [defines({ __VERSION__: JSON.stringify(sdkVersion) })];
  if (o.esm !== false) {
    builds.push({
      // Named by path under src/ (src/signals/index.ts → dist/signals/index.js), beside its .d.ts.
      input: Object.fromEntries([o.input].flat().map((i) => [i.replace(/^src\/|\.ts$/g, ''), `packages/${pkg}/${i}`])),
      external: o.external ?? [],
      plugins: [...common, ts(pkg, true)],
      output: { dir: `packages/${pkg}/dist`, format: 'es', sourcemap: true, ...(o.banner ? { banner: o.banner } : {}) },
    });
  }
  if (o.iife) {
    builds.push({
      input: `packages/${pkg}/${o.iife.input}`,
      plugins: [...common, resolve({ browser: true }), ts(pkg, false)],
      output: {
        file: `packages/${pkg}/dist/${o.iife.file}`,
        format: 'iife',
        name: o.iife.name,
        sourcemap: true,
        // `eager`: the functions that start-up runs are compiled while the script streams in,
        // off the main thread, instead of at their first call inside init() (init -> ready
        // 6.1 -> ~2 ms), and only those: the heap keeps no code a page never runs (issue 19;
        // scripts/eagerCompile.mjs says how, docs/benchmarks.md the figures).
        plugins: [terser(terserOptions), ...(o.iife.eager ? [eagerCompile()] : [])],
      },
    });
  }
  for (const m of [o.esmMin ?? []].flat()) {
    // Everything an `import` user ships, bundled and minified: what the size budget measures.
    // With `exports`, only those names are imported, so the bundle is what a bundler keeps
    // for `import { ...exports } from` the entry (tree-shaken).
    const entry = `packages/${pkg}/${m.input}`;
    builds.push({
      input: m.exports ? VIRTUAL : entry,
      // A binding's size is measured beyond its peers (React, Vue, the core): they stay imports.
      external: m.external ?? [],
      plugins: [...common, ...(m.exports ? [virtualEntry(m.exports, entry)] : []), resolve({ browser: true }), ts(pkg, false)],
      output: { file: `packages/${pkg}/dist/${m.file}`, format: 'es', plugins: [terser({ ...terserOptions, module: true })] },
    });
  }
  return builds;
}

/**
 * The widgets' chunk (`sabu-ui.js`, Preact included), an ES module that sabu.min.js loads
 * with `import()` from its own folder only when something must be shown; so it is copied
 * next to sabu.min.js too. No property mangling: Preact's minified internals start with `_`.
 */
const uiChunk = (copyTo) => ({
  input: 'packages/ui/src/index.ts',
  // The guides chunk imports Preact and the host helpers from sabu-ui.js itself (no third shared chunk).
  preserveEntrySignatures: 'allow-extension',
  plugins: [
    defines({ __VERSION__: JSON.stringify(sdkVersion) }),
    resolve({ browser: true }),
    ts('ui', false),
    {
      name: 'copy-ui-chunk',
      writeBundle: (out, bundle) => Object.keys(bundle).forEach((f) => copyFileSync(`packages/ui/dist/${f}`, `${copyTo}/${f}`)),
    },
  ],
  // Tours and guides (with @floating-ui/core, docs/tours.md says why) are a chunk of their own, `sabu-guides.js`, that
  // sabu-ui.js imports on first use; Preact and the host helpers stay in sabu-ui.js.
  output: {
    dir: 'packages/ui/dist',
    entryFileNames: 'sabu-ui.js',
    chunkFileNames: 'sabu-[name].js',
    format: 'es',
    sourcemap: true,
    plugins: [terser({ ...terserOptions, module: true, mangle: true })],
  },
});

const VIRTUAL = '\0sabu-import';
/** An entry module that imports only `names` from `file`, as a user's code would. */
const virtualEntry = (names, file) => ({
  name: 'virtual-import',
  resolveId: (id) => (id == VIRTUAL ? id : null),
  load: (id) => (id == VIRTUAL ? `export { ${names.join(', ')} } from ${JSON.stringify(resolvePath(file))};` : null),
});

export default [
  ...definePackage('schema', { input: ['src/index.ts', 'src/limits.ts', 'src/texts.ts', 'src/url.ts'], external: [/^zod/] }),
  ...definePackage('sdk', {
    input: ['src/index.ts', 'src/signals/index.ts', 'src/posthog.ts'],
    external: [/^idb-keyval/, /^@sabu\//],
    iife: { input: 'src/browser/script.ts', file: 'sabu.min.js', name: 'sabu', eager: true },
    // sabu-flows.js, sabu-surveys.js, sabu-checklist.js, sabu-state.js: parts that sabu.min.js loads on demand.
    esmMin: [
      // The core as an npm user imports it (checklist(), survey(), feature() left out by tree-shaking).
      { input: 'src/index.ts', file: 'sabu.esm.min.js', exports: ['init', 'track', 'identify', 'group', 'page', 'reset', 'flush', 'optOut', 'optIn', 'consent', 'status'] },
      { input: 'src/signals/flowsAndValue.ts', file: 'sabu-flows.js' },
      { input: 'src/guidance/survey/surveyRuntime.ts', file: 'sabu-surveys.js' },
      { input: 'src/guidance/checklist/checklistRuntime.ts', file: 'sabu-checklist.js' },
      { input: 'src/guidance/playbook/playbookRuntime.ts', file: 'sabu-playbooks.js' },
      { input: 'src/guidance/tour/tourRuntime.ts', file: 'sabu-tours.js' },
      { input: 'src/guidance/state/syncState.ts', file: 'sabu-state.js' },
    ],
  }),
  ...definePackage('ui', { input: 'src/index.ts', external: [/^preact/, /^@sabu\//] }),
  uiChunk('packages/sdk/dist'),
  // Framework bindings: React/Vue and the core are peers, so the minified file is what the binding adds.
  // 'use client': Next.js App Router may import the provider and hooks from a server component's file.
  ...definePackage('react', { input: 'src/index.ts', banner: "'use client';", external: [/^react/, /^@sabu\//], esmMin: { input: 'src/index.ts', file: 'sabu-react.min.js', external: [/^react/, /^@sabu\//] } }),
  ...definePackage('vue', { input: 'src/index.ts', external: [/^vue/, /^@sabu\//], esmMin: { input: 'src/index.ts', file: 'sabu-vue.min.js', external: [/^vue/, /^@sabu\//] } }),
  ...definePackage('collector', {
    input: 'src/index.ts',
    external: [/^node:/, /^@sabu\//, /^fastify/, /^@duckdb\//, /^@clickhouse\//, /^chdb$/, /^zod/, /^uplot/, /^jsonc-parser/],
  }),
];
