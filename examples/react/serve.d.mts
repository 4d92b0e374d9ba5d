/** Types of serve.mjs, for the end-to-end test (tests/e2e/frameworks.test.ts). */
export interface ExampleServer {
  url: string;
  /** Every message the app's batches carried, in arrival order. */
  received: Array<Record<string, any>>;
  close(): Promise<void>;
}
export function serveExample(options: { dir: string; entry: string; port?: number; quiet?: boolean }): Promise<ExampleServer>;
