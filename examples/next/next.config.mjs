// The Next.js App Router example (`npm run example:next`). Plain JS with JSX, so `next build`
// runs no type check of its own; the app imports @sabu/react and @sabu/sdk as installed.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * In this repository the @sabu packages are workspace links to packages/*, and Turbopack
 * resolves imports inside a linked package's dist/ with that folder's tsconfig.json, whose
 * `paths` point at the TypeScript sources (for this repository's type check). Each
 * published entry is aliased to its built file instead, as an installed package resolves.
 * An app using the packages from npm needs none of this.
 */
function builtSabuPackages() {
  const alias = {};
  for (const dir of readdirSync(`${ROOT}packages`)) {
    const pkg = JSON.parse(readFileSync(`${ROOT}packages/${dir}/package.json`, 'utf8'));
    for (const [sub, target] of Object.entries(pkg.exports ?? {})) {
      const file = typeof target == 'string' ? target : target.default;
      if (file?.endsWith('.js')) alias[pkg.name + sub.slice(1)] = `${ROOT}packages/${dir}/${file.slice(2)}`;
    }
  }
  return alias;
}

/** @type {import('next').NextConfig} */
export default {
  // StrictMode is on for the App Router anyway; said here because the example relies on it
  // (effects run twice in development: Sabu must start once and count each route once).
  reactStrictMode: true,
  // The repository root: node_modules (and the workspace packages it links) live there.
  turbopack: { root: ROOT, resolveAlias: builtSabuPackages() },
  // The build folder can be moved (the e2e test keeps its own copy keyed by the sources).
  distDir: process.env.SABU_NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
};
