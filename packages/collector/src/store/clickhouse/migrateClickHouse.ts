import type { ClickHouseExecutor } from './ClickHouseExecutor.js';
import { CH_META_TABLE, CH_MIGRATIONS } from './migrations.js';

export interface MigrateResult {
  /** Schema version before. */
  from: number;
  /** Schema version now. */
  to: number;
}

/**
 * Brings the ClickHouse schema to this collector's version (`sabu migrate`, and on start).
 * With `apply: false` it only checks, and refuses a schema older than the code, so a
 * collector started without migrations never writes to tables it does not understand.
 * A schema newer than the code is refused either way: upgrade the collector.
 */
export async function migrateClickHouse(x: ClickHouseExecutor, o: { apply: boolean } = { apply: true }): Promise<MigrateResult> {
  await x.command(CH_META_TABLE);
  const [row] = await x.query<{ value: string }>(`SELECT argMax(value, at) AS value FROM sabu_meta WHERE key = 'schema_version' GROUP BY key`);
  const from = row ? Number(row.value) : 0;
  const known = CH_MIGRATIONS.length;
  if (from > known) throw new Error(`[sabu] the ClickHouse database was written by a newer collector (schema ${from}, this one knows ${known}); upgrade the collector.`);
  if (from < known && !o.apply) throw new Error(`[sabu] the ClickHouse schema is at version ${from}, this collector needs ${known}: run "sabu migrate".`);
  for (let v = from; v < known; v++) {
    for (const statement of CH_MIGRATIONS[v]!) await x.command(statement);
    await x.insert('sabu_meta', [{ key: 'schema_version', value: String(v + 1) }]);
  }
  return { from, to: known };
}
