import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The published packages, in dependency order. */
export const PACKAGES = ['schema', 'sdk', 'ui', 'collector'] as const;

/**
 * The environment for npm run in a temp project: without the npm_* variables that
 * `npm test` sets for this repository (workspace, prefix, package fields), which would
 * make the child npm act on the repository instead.
 */
export function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_(config|package|lifecycle)_/i.test(k) && k != 'INIT_CWD') env[k] = v;
  return env;
}

const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, env: cleanEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 180_000 });

/**
 * `npm pack`s every package (from the built dist) into a temp folder, then installs the
 * tarballs into a fresh project beside it, as a user would, with no link to this
 * repository. Third-party packages come from npm's cache when they are there (they are,
 * after this repository's own install), so it takes seconds, not a download.
 */
export function packAndInstall(): { project: string; tarballs: Record<string, string> } {
  const root = resolve('.');
  for (const p of PACKAGES) if (!existsSync(join(root, 'packages', p, 'dist'))) throw new Error('run "npm run build" first: this test packs the built packages');
  const dir = mkdtempSync(join(tmpdir(), 'sabu-packed-'));
  const packs = join(dir, 'tarballs');
  const project = join(dir, 'app');
  mkdirSync(packs);
  npm(['pack', '--workspaces', '--pack-destination', packs, '--silent'], root);
  const tarballs: Record<string, string> = {};
  for (const f of readdirSync(packs)) {
    const m = /^sabu-(\w+)-[\d.]+\.tgz$/.exec(f);
    if (m) tarballs[m[1]!] = join(packs, f);
  }
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'my-app', private: true, type: 'module' }));
  npm(['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...PACKAGES.map((p) => tarballs[p]!)], project);
  return { project, tarballs };
}
