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

/**
 * The result format of every query: columns, each an array, not one object per row. A
 * report can return 200,000 people (TTV on 10M events); as JSONEachRow every row repeats
 * every column name, and the server formats and the collector parses twice the text (about
 * a fifth of that report's CPU, issue 16).
 */
export const RESULT_FORMAT = 'JSONColumnsWithMetadata';

/** The body of a RESULT_FORMAT answer (the part the store reads). */
export interface ColumnsResult {
  meta: { name: string }[];
  data: Record<string, unknown[]>;
  rows: number;
}

/** Rows as plain objects from a RESULT_FORMAT answer. */
export function columnsToRows<T>(r: ColumnsResult): T[] {
  const names = r.meta.map((m) => m.name);
  const columns = names.map((n) => r.data[n]!);
  const out: T[] = new Array(r.rows);
  for (let i = 0; i < r.rows; i++) {
    const o: Record<string, unknown> = {};
    for (let c = 0; c < names.length; c++) o[names[c]!] = columns[c]![i];
    out[i] = o as T;
  }
  return out;
}
