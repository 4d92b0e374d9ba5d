import type { CliContext } from './CliContext.js';
import { connectClickHouse, describeClickHouse } from '../store/openStore.js';
import { migrateClickHouse } from '../store/clickhouse/migrateClickHouse.js';
import { createDuckDBStore } from '../store/duckdb/createDuckDBStore.js';
import { MIGRATIONS } from '../store/duckdb/migrations.js';
import { StartError } from '../server/StartError.js';

/**
 * `sabu migrate`: brings the configured store's schema to this collector's version and
 * says where it was. For ClickHouse, the step to run once before rolling out N collectors
 * (each `sabu start` would also migrate; the steps are idempotent, so racing starts are
 * safe, but one explicit run keeps a deploy's schema change in one place).
 */
export async function migrateCommand(ctx: CliContext<Record<string, unknown>>): Promise<number> {
  const c = ctx.config();
  if (c.store == 'clickhouse') {
    const x = await connectClickHouse(c);
    try {
      const r = await migrateClickHouse(x);
      ctx.io.out(r.from == r.to ? `ClickHouse ${describeClickHouse(c)}: schema ${r.to}, up to date\n` : `ClickHouse ${describeClickHouse(c)}: schema ${r.from} → ${r.to}\n`);
    } catch (e) {
      throw new StartError(`ClickHouse at ${describeClickHouse(c)}: ${String((e as Error).message).split('\n')[0]}`);
    } finally {
      await x.close();
    }
    return 0;
  }
  // DuckDB migrates on open; opening and closing is the migration.
  const store = await createDuckDBStore(c.database);
  await store.close();
  ctx.io.out(`${c.database}: schema ${MIGRATIONS.length}, up to date\n`);
  return 0;
}
