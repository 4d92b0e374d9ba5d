import type { ClickHouseClient } from '@clickhouse/client';
import { CH_SETTINGS, RESULT_FORMAT, columnsToRows, type ClickHouseExecutor, type ColumnsResult } from './ClickHouseExecutor.js';

export interface HttpExecutorOptions {
  /** The server's HTTP interface, e.g. http://127.0.0.1:8123; credentials may sit in the URL. */
  url: string;
  /** The database Sabu's tables live in; created when missing. @default "sabu" */
  database?: string;
  /** @default from the URL, else "default" */
  username?: string;
  /** @default from the URL, else "" */
  password?: string;
  /** Milliseconds one request may take (a report on a large project). @default 60000 */
  requestTimeoutMs?: number;
}

/**
 * The production executor: ClickHouse's official Node client over HTTP. Inserts are
 * synchronous (no async_insert), so `insert()` resolves when the server has written the
 * rows; the collector batches requests itself (group commit), which is what async inserts
 * would otherwise do on the server.
 */
export async function createHttpExecutor(o: HttpExecutorOptions): Promise<ClickHouseExecutor> {
  // Loaded on use: a DuckDB collector never pays for the ClickHouse client.
  const { createClient, ClickHouseLogLevel } = await import('@clickhouse/client');
  const database = o.database ?? 'sabu';
  const base = {
    url: o.url,
    request_timeout: o.requestTimeoutMs ?? 60_000,
    clickhouse_settings: CH_SETTINGS,
    // Failures reach the caller as errors (one line at start, a 503 on ingest, the collector's
    // own JSON log); the client's own console log would print each one again with a stack.
    log: { level: ClickHouseLogLevel.OFF },
    // Insert bodies are JSON: gzip cuts what crosses the network several times over.
    compression: { request: true },
    ...(o.username !== undefined ? { username: o.username } : {}),
    ...(o.password !== undefined ? { password: o.password } : {}),
  };
  // The database must exist before a client bound to it can run anything.
  const bootstrap = createClient(base);
  try {
    await bootstrap.command({ query: `CREATE DATABASE IF NOT EXISTS ${quoteIdent(database)}` });
  } finally {
    await bootstrap.close();
  }
  const client: ClickHouseClient = createClient({ ...base, database });
  return {
    async command(sql, params) {
      await client.command({ query: sql, query_params: params });
    },
    async query<T>(sql: string, params?: Record<string, unknown>) {
      const rs = await client.query({ query: sql, query_params: params, format: RESULT_FORMAT });
      // The body is {meta, data: {column: values[]}, rows}; the client types it as rows.
      return columnsToRows<T>((await rs.json()) as unknown as ColumnsResult);
    },
    async insert(table, rows) {
      if (rows.length) await client.insert({ table, values: rows as Record<string, unknown>[], format: 'JSONEachRow' });
    },
    close: () => client.close(),
  };
}

/** A database name as an identifier; names are checked by the config schema, this is the last guard. */
export function quoteIdent(name: string) {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid ClickHouse database name "${name}"`);
  return `\`${name}\``;
}
