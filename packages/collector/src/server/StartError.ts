/**
 * A reason the collector cannot start or open its database that the user fixes outside
 * the code (a port in use, a bad host, a database path that cannot be created). The CLI
 * prints its message alone, one line, never a stack.
 */
export class StartError extends Error {
  constructor(message: string) {
    super(`[sabu] ${message}`);
    this.name = 'StartError';
  }
}
