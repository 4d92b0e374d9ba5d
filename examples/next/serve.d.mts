export interface NextExampleOptions {
  /** Next's build folder, relative to examples/next. @default '.next' */
  distDir?: string;
  quiet?: boolean;
}
export function buildNextExample(options?: NextExampleOptions): Promise<void>;
export function serveNextExample(
  options?: NextExampleOptions & { port?: number; collectorPort?: number; /** `next dev` instead of `next start`. */ dev?: boolean },
): Promise<{ url: string; collector: string; readKey: string; received: unknown[]; close(): Promise<void> }>;
