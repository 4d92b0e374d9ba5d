import { CH_SETTINGS, RESULT_FORMAT, columnsToRows, type ClickHouseExecutor, type ColumnsResult } from './ClickHouseExecutor.js';

export interface ChdbExecutorOptions {
  /** Data directory. @default a temporary directory, removed on close */
  path?: string;
  /**
   * Threads per query. Tests pass 1: their data is small, and a pool of threads per query
   * costs more than it saves on cores the test runner already keeps busy.
   * @default the engine's (one per core)
   */
  maxThreads?: number;
}

/**
 * The ClickHouse engine in-process (npm `chdb`, a development dependency): the store's
 * SQL runs on a real ClickHouse in tests and benchmarks without a server. One chdb
 * session per process (libchdb binds one data directory per process).
 */
export async function createChdbExecutor(o: ChdbExecutorOptions = {}): Promise<ClickHouseExecutor> {
  // Loaded on use: chdb is not a runtime dependency of the collector.
  const { Session } = (await import('chdb')) as typeof import('chdb');
  const settings = { ...CH_SETTINGS, ...(o.maxThreads ? { max_threads: o.maxThreads } : {}) };
  const session = new Session(o.path, { connectionArgs: Object.entries(settings).map(([k, v]) => `--${k}=${v}`) });
  const run = async (sql: string, params: object = {}, format = 'JSONEachRow') => {
    const r = await session.queryBindAsync(sql, params, { format });
    return r.text();
  };
  return {
    async command(sql, params) {
      await run(sql, params);
    },
    async query<T>(sql: string, params?: object) {
      const text = await run(sql, params, RESULT_FORMAT);
      // A statement without a result (querySql may be handed one) answers nothing.
      return text ? columnsToRows<T>(JSON.parse(text) as ColumnsResult) : [];
    },
    async insert(table, rows) {
      if (!rows.length) return;
      const body = rows.map((r) => JSON.stringify(r)).join('\n');
      await session.insert({ table, values: Buffer.from(body), format: 'JSONEachRow' });
    },
    async close() {
      session.close();
    },
  };
}
