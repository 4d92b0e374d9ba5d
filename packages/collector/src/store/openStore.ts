import type { CollectorConfig } from '../config/configSchema.js';
import { StartError } from '../server/StartError.js';
import type { Store } from './Store.js';
import { createDuckDBStore } from './duckdb/createDuckDBStore.js';
import { createClickHouseStore } from './clickhouse/createClickHouseStore.js';
import { createHttpExecutor } from './clickhouse/createHttpExecutor.js';
import type { ClickHouseExecutor } from './clickhouse/ClickHouseExecutor.js';

export interface OpenStoreOptions {
  /** Read only (the CLI's reports): DuckDB opens the file read-only; ClickHouse applies no migration. @default false */
  readOnly?: boolean;
}

/** The store the config names: the DuckDB file, or the ClickHouse server (migrated on open unless read-only). */
export async function openStore(config: CollectorConfig, o: OpenStoreOptions = {}): Promise<Store> {
  if (config.store != 'clickhouse') return createDuckDBStore(config.database, o);
  const x = await connectClickHouse(config);
  try {
    return await createClickHouseStore(x, { migrate: !o.readOnly, insertWaitMs: config.clickhouse?.insertWaitMs });
  } catch (e) {
    throw new StartError(`ClickHouse at ${describeClickHouse(config)}: ${firstLine(e)}`);
  }
}

/** An executor for the configured ClickHouse server; a server that cannot be reached is a StartError naming it. */
export async function connectClickHouse(config: CollectorConfig): Promise<ClickHouseExecutor> {
  const c = config.clickhouse;
  if (!c) throw new StartError('store "clickhouse" needs clickhouse.url in the config (or SABU_CLICKHOUSE_URL, or --clickhouse-url)');
  try {
    return await createHttpExecutor({ url: c.url, database: c.database, username: c.username, password: c.password, requestTimeoutMs: c.requestTimeoutMs });
  } catch (e) {
    throw new StartError(`cannot reach ClickHouse at ${describeClickHouse(config)}: ${firstLine(e)} (is the server running? see docs/collector.md#clickhouse)`);
  }
}

/** url/database, for messages; credentials in the URL are never printed. */
export function describeClickHouse(config: CollectorConfig): string {
  const c = config.clickhouse;
  if (!c) return '(not configured)';
  return `${c.url.replace(/\/\/[^@/]*@/, '//').replace(/\/$/, '')}/${c.database}`;
}

const firstLine = (e: unknown) => String((e as Error)?.message ?? e).split('\n')[0];
