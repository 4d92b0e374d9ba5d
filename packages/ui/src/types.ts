/** What every widget gets from the SDK config (see packages/sdk/src/guidance/shared/uiContract.ts). */
export interface UIOptions {
  locale?: string;
  strings?: Record<string, unknown>;
  theme?: Record<string, unknown>;
}
