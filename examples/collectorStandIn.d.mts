/** Types of collectorStandIn.mjs, for tests/unit/examples/collectorStandIn.test.ts and tests/e2e/utils/vite.ts. */
import type { Plugin } from 'vite';

export function collectorStandIn(): Plugin & { api: { received: Array<Record<string, any>> } };
