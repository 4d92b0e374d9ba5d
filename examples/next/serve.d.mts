export interface NextExampleOptions {
  /** Next's build folder, relative to examples/next. @default '.next' */
  distDir?: string;
  quiet?: boolean;
}
/** Resolves to false when the build in `distDir` was up to date (same sources and packages). */
export function buildNextExample(options?: NextExampleOptions): Promise<boolean>;
export function serveNextExample(
  options?: NextExampleOptions & {
    port?: number;
    collectorPort?: number;
    /** `next dev` instead of `next start`. */
    dev?: boolean;
    /** The app's folder: a copy of examples/next beside it, for a test that edits its files. @default examples/next */
    dir?: string;
  },
): Promise<{ url: string; collector: string; readKey: string; received: unknown[]; close(): Promise<void> }>;
