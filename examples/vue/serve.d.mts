import type { ExampleServer } from '../react/serve.mjs';
/** Types of serve.mjs, for the end-to-end test (tests/e2e/frameworks.test.ts). */
export function serveVueExample(options?: { port?: number; quiet?: boolean }): Promise<ExampleServer>;
