import type { Store } from '../Store.js';
import type { ClickHouseExecutor } from './ClickHouseExecutor.js';
import { createChWriter } from './createChWriter.js';
import { migrateClickHouse } from './migrateClickHouse.js';
import * as q from './reportQueries.js';
import { ttvDurations, ttvSubjects } from './ttvQueries.js';
import { recentEvents } from './recentEvents.js';
import { guideRows, tourData } from './guidanceQueries.js';
import { accountSignals } from './playbookQueries.js';
import { personEvents } from './personEvents.js';
import { frictionData } from './frictionData.js';

export interface ClickHouseStoreOptions {
  /** Apply pending migrations on open (`sabu start`); `false` expects `sabu migrate` to have run. @default true */
  migrate?: boolean;
  /** How long an insert waits for more requests to join it (createChWriter.ts). @default GATHER_MS */
  insertWaitMs?: number;
}

/**
 * The store for a ClickHouse server (or cluster): the same `Store` as DuckDB, with the same
 * numbers in every report, for when one machine is not enough. Any number of collectors may
 * write to it at once: duplicates are folded by the tables (ReplacingMergeTree + FINAL), so
 * no collector needs to know what another one stored. The engine is reached through an
 * executor: `createHttpExecutor` in production, `createChdbExecutor` in tests.
 */
export async function createClickHouseStore(x: ClickHouseExecutor, o: ClickHouseStoreOptions = {}): Promise<Store> {
  try {
    await migrateClickHouse(x, { apply: o.migrate ?? true });
    const [last] = await x.query<{ m: number }>('SELECT max(seq) AS m FROM events');
    const writer = createChWriter(x, last?.m ?? 0, { gatherMs: o.insertWaitMs });
    let closed = false;
    return {
      insertEvents: (rows) => writer.write(rows),
      async countEvents(projectId) {
        const [r] = await x.query<{ n: number }>('SELECT count() AS n FROM events FINAL WHERE project_id = {project:String}', { project: projectId });
        return r?.n ?? 0;
      },
      projectSummary: (projectId) => q.projectSummary(x, projectId),
      recentEvents: (r) => recentEvents(x, r, writer.lastSeq()),
      ttvSubjects: (r) => ttvSubjects(x, r),
      ttvDurations: (r) => ttvDurations(x, r),
      checklistRows: (r) => q.checklistRows(x, r),
      voiceAnswers: (r) => q.voiceAnswers(x, r),
      voiceComments: (r, limit) => q.voiceComments(x, r, limit),
      frictionData: (r) => frictionData(x, r),
      adoptionData: (r) => q.adoptionData(x, r),
      accountInputs: (r) => q.accountInputs(x, r),
      tourData: (r) => tourData(x, r),
      guideRows: (r) => guideRows(x, r),
      experimentExposures: (r) => q.experimentExposures(x, r),
      accountSignals: (r) => accountSignals(x, r),
      personEvents: (r) => personEvents(x, r),
      querySql: (sql) => x.query(sql),
      async close() {
        if (closed) return;
        closed = true;
        await writer.idle();
        await x.close();
      },
    };
  } catch (e) {
    await x.close().catch(() => {});
    throw e;
  }
}
