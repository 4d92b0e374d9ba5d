/** A wrong command line: printed without a stack, exit code 2 (docs/collector.md#cli). */
export class UsageError extends Error {
  constructor(message: string) {
    super(`sabu: ${message}`);
    this.name = 'UsageError';
  }
}
