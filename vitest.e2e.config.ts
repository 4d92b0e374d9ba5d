import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests: real headless Chromium (Debian's) driven by playwright-core against
 * the built bundles and servers on 127.0.0.1. Files run one at a time: two cores.
 */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
