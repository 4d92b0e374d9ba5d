import { z } from 'zod';

/**
 * The SDK's configuration. The browser core validates it by hand (zod would triple the
 * core's size, see packages/sdk/ARCHITECTURE.md); this schema is the reference for
 * docs, the CLI and tests that keep both in agreement.
 */
export const configSchema = z.object({
  writeKey: z.string().min(1),
  endpoint: z.string().min(1),
  batchSize: z.int().min(1).max(500).optional(),
  flushInterval: z.int().min(0).max(600_000).optional(),
  maxQueueSize: z.int().min(1).max(1_000_000).optional(),
  sessionTimeout: z.int().min(1000).optional(),
  trackPages: z.boolean().optional(),
  compression: z.boolean().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  format: z.union([z.enum(['segment', 'posthog']), z.custom<(...a: unknown[]) => unknown>((v) => typeof v === 'function')]).optional(),
  beforeSend: z.custom<(...a: unknown[]) => unknown>((v) => typeof v === 'function').optional(),
  consent: z.enum(['pending', 'granted']).optional(),
  respectDoNotTrack: z.boolean().optional(),
  debug: z.boolean().optional(),
  plugins: z.array(z.object({ name: z.string() }).loose()).optional(),
}).loose();

export type ConfigInput = z.input<typeof configSchema>;
