import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const APPS = join(ROOT, 'tests/e2e/hosts/apps');
/** Built bundles are cached here between runs, keyed by sources and package versions. */
const CACHE = join(ROOT, 'node_modules/.cache/sabu-hosts');

/** The framework apps: entry file and the npm packages it is built from. */
const APPS_BUILT: Record<string, { entry: string; packages: string[] }> = {
  react: { entry: 'react.jsx', packages: ['react', 'react-dom', 'react-router', 'esbuild'] },
  vue: { entry: 'vue.js', packages: ['vue', 'vue-router', 'esbuild'] },
  lit: { entry: 'lit.js', packages: ['lit', 'esbuild'] },
};

const version = (pkg: string) => (JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;

/**
 * Bundles the real npm packages into the host pages' apps with esbuild, as an app's own
 * production build would (minified, `NODE_ENV=production`, Vue's compile-time flags set).
 * Returns `<name>.js` → the bundle's file, served as `/build/<name>.js`. A bundle whose
 * inputs did not change is reused.
 */
export async function buildHostApps(names: string[]): Promise<Map<string, string>> {
  const built = new Map<string, string>();
  for (const name of names) {
    const app = APPS_BUILT[name];
    if (!app) continue;
    const key = createHash('sha256')
      .update(readFileSync(fileURLToPath(import.meta.url))) // the build options below
      .update(readFileSync(join(APPS, app.entry)))
      .update(app.packages.map((p) => p + '@' + version(p)).join(','))
      .digest('hex')
      .slice(0, 16);
    const out = join(CACHE, `${name}-${key}.js`);
    if (!existsSync(out)) {
      const tmp = join(CACHE, `tmp-${process.pid}-${name}`);
      rmSync(tmp, { recursive: true, force: true });
      await build({
        entryPoints: [join(APPS, app.entry)],
        bundle: true,
        format: 'esm',
        minify: true,
        target: 'es2022',
        jsx: 'automatic',
        logLevel: 'error',
        outfile: join(tmp, 'app.js'),
        define: {
          'process.env.NODE_ENV': '"production"',
          __VUE_OPTIONS_API__: 'true',
          __VUE_PROD_DEVTOOLS__: 'false',
          __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
        },
      });
      mkdirSync(CACHE, { recursive: true });
      // Bundles of this app's older inputs are never served again.
      for (const f of readdirSync(CACHE)) if (f.startsWith(name + '-')) rmSync(join(CACHE, f), { force: true });
      renameSync(join(tmp, 'app.js'), out);
      rmSync(tmp, { recursive: true, force: true });
    }
    built.set(name + '.js', out);
  }
  return built;
}
