import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** Unit and integration tests. Browser-side units run in happy-dom; a file that needs Node says `// @vitest-environment node`. */
export default defineConfig({
  define: { __VERSION__: JSON.stringify('0.0.0-test') },
  resolve: {
    alias: [
      { find: /^@sabu\/schema\/limits$/, replacement: src('./packages/schema/src/limits.ts') },
      { find: /^@sabu\/schema\/texts$/, replacement: src('./packages/schema/src/texts.ts') },
      { find: /^@sabu\/schema\/url$/, replacement: src('./packages/schema/src/url.ts') },
      { find: /^@sabu\/schema$/, replacement: src('./packages/schema/src/index.ts') },
      // The bindings' tests drive the SDK's sources (one copy, on a fake platform).
      { find: /^@sabu\/sdk$/, replacement: src('./packages/sdk/src/index.ts') },
      { find: /^@sabu\/sdk\/signals$/, replacement: src('./packages/sdk/src/signals/index.ts') },
      { find: /^@sabu\/react$/, replacement: src('./packages/react/src/index.ts') },
      { find: /^@sabu\/vue$/, replacement: src('./packages/vue/src/index.ts') },
    ],
  },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx', 'tests/integration/**/*.test.ts'],
    environment: 'happy-dom',
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000,
  },
});
