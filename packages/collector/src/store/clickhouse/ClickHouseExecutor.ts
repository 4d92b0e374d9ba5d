/** Named query parameters, bound by ClickHouse itself as `{name:Type}` (never spliced into SQL). */
export type ChParams = Record<string, string | number | null>;

/**
 * The seam under the ClickHouse store: the few things it asks of an engine. Production
 * talks HTTP to a server through @clickhouse/client (createHttpExecutor.ts); tests run the
 * same SQL on the same engine in-process through chdb (createChdbExecutor.ts), so
 * `npm test` proves the store's SQL without a server.
 *
 * Every executor applies CH_SETTINGS to every statement.
 */
export interface ClickHouseExecutor {
  /** A statement without a result (DDL). */
  command(sql: string, params?: ChParams): Promise<void>;
  /** A SELECT; rows as plain objects (64-bit integers as numbers, NULL as null). */
  query<T>(sql: string, params?: ChParams): Promise<T[]>;
  /**
   * Inserts rows (objects keyed by column) synchronously: resolves only once the engine
   * has written them, so ingest may acknowledge the batch.
   */
  insert(table: string, rows: readonly Record<string, unknown>[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * Settings the store's SQL relies on, for every statement:
 * - join_use_nulls: an unmatched LEFT JOIN gives NULL, as in standard SQL (and DuckDB),
 *   not the column type's default ('' or 0), which would count as a match.
 * - output_format_json_quote_64bit_integers = 0: counts arrive as JSON numbers.
 */
export const CH_SETTINGS = {
  join_use_nulls: 1,
  output_format_json_quote_64bit_integers: 0,
} as const;
