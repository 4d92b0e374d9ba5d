// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * CI installs with `npm ci`, which refused this lock file with "Missing: @chdb/lib-darwin-arm64@
 * from lock file": chdb ships its engine as one optional package per platform, the registry
 * mirror here serves only linux-x64's, and `npm install` then leaves the others out of the
 * lock silently. They are locked by hand (version, os, cpu; never fetched on linux-x64).
 * (The DuckDB bindings' platform packages are missing too, and `npm ci` does not mind them:
 * this checks the package npm ci named, not a rule of npm's.)
 */
describe('package-lock.json', () => {
  it("locks every platform package of chdb, so a clean `npm ci` installs", () => {
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { version?: string; optionalDependencies?: Record<string, string> }> };
    const chdb = lock.packages['node_modules/chdb'];
    const platforms = Object.entries(chdb?.optionalDependencies ?? {});
    expect(platforms.length).toBeGreaterThanOrEqual(4);
    for (const [name, version] of platforms) expect([name, lock.packages[`node_modules/${name}`]?.version]).toEqual([name, version]);
  });
});
