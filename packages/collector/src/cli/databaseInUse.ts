import type { CollectorConfig } from '../config/configSchema.js';

/** DuckDB's answer when another process holds the file: "Could not set lock … (PID 123)". */
export const isLockError = (e: unknown) => e instanceof Error && /Could not set lock|Conflicting lock/i.test(e.message);

/** "process 123" from DuckDB's lock message, else "another process". */
export function lockHolder(e: unknown): string {
  const pid = /\(PID (\d+)\)/.exec(e instanceof Error ? e.message : '')?.[1];
  return pid ? `process ${pid}` : 'another process';
}

/** Where the config's collector listens, as a client on this machine reaches it. */
export function collectorUrlOf(c: Pick<CollectorConfig, 'host' | 'port'>): string {
  const host = c.host == '0.0.0.0' || c.host == '::' || c.host == '' ? '127.0.0.1' : c.host.includes(':') ? `[${c.host}]` : c.host;
  return `http://${host}:${c.port}`;
}
