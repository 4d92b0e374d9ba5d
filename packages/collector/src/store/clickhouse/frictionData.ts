import type { FrictionData, ReportQuery } from '../queryTypes.js';
import type { ClickHouseExecutor } from './ClickHouseExecutor.js';
import { P, RESOLVED, jnum, jtext } from './sqlParts.js';

/**
 * The friction report's read, the twin of frictionData in ../duckdb/reportQueries.ts: the
 * same four lists (clicks, abandoned flows, abandoned forms, web vitals), each ordered and
 * cut as there, from one pass over the events. DuckDB runs four queries; here each would
 * scan and de-duplicate (FINAL) the project's events again, since a ClickHouse CTE is
 * re-planned at every use, so the four lists are one GROUP BY whose first key is the list
 * (`family`) and whose other keys are that list's columns (k1, k2, k3).
 */
/** Rows per list, as the DuckDB text's LIMITs. */
const LIMITS = { clicks: 200, flows: 200, forms: 200, vitals: 500 } as const;

type Family = keyof typeof LIMITS;
interface Row {
  family: Family;
  k1: string;
  k2: string | null;
  k3: string | null;
  n: number;
  users: number;
  p75: number | null;
}

export async function frictionData(x: ClickHouseExecutor, q: ReportQuery): Promise<FrictionData> {
  const page = `coalesce(${jtext('properties', 'page')}, page_path, '(unknown)')`;
  const or = (key: string, fallback: string) => `coalesce(${jtext('properties', key)}, '${fallback}')`;
  const rows = await x.query<Row>(
    // Friction is about everyone, signed in or not: all events, not subjects.
    `SELECT family, k1, k2, k3, n, users, p75 FROM (
       SELECT *,
         -- Each list's ORDER BY: clicks / flows / forms by count DESC then their keys;
         -- vitals by name (k2), p75 DESC, page (k1).
         row_number() OVER (PARTITION BY family ORDER BY if(family = 'vitals', 0, n) DESC, if(family = 'vitals', k2, k1),
           if(family = 'vitals', p75, 0) DESC, if(family = 'vitals', k1, k2), k3) AS rn
       FROM (
         SELECT family, k1, k2, k3, count() AS n, uniqExact(person_id) AS users,
           quantileExactInclusiveIf(0.75)(toNullable(v), family = 'vitals') AS p75
         FROM (
           SELECT person_id,
             multiIf(event = 'Flow Abandoned', 'flows', event = 'Form Abandoned', 'forms', event = 'Web Vital', 'vitals', 'clicks') AS family,
             if(event = 'Web Vital', ${jnum('properties', 'value')}, NULL) AS v,
             multiIf(family = 'clicks', lower(splitByChar(' ', assumeNotNull(event))[1]), family = 'flows', ${or('flow', '(unnamed)')}, ${page}) AS k1,
             multiIf(family = 'clicks', ${page}, family = 'flows', ${or('last_step', '(unknown)')}, family = 'forms', ${or('form', '(unnamed)')},
               ${jtext('properties', 'name')}) AS k2,
             multiIf(family = 'clicks', ${or('selector', '(unknown)')}, family = 'flows', ${or('reason', '(unknown)')},
               family = 'forms', ${or('last_field', '(unknown)')}, NULL) AS k3
           FROM ${RESOLVED}
           WHERE ts <= ${P.asOf} AND (${P.from} IS NULL OR ts >= ${P.from}) AND (${P.to} IS NULL OR ts < ${P.to}) AND type = 'track'
             AND event IN ('Rage Click', 'Dead Click', 'Error Click', 'Flow Abandoned', 'Form Abandoned', 'Web Vital')
             AND (event <> 'Web Vital' OR v IS NOT NULL)
         )
         GROUP BY family, k1, k2, k3
       )
     )
     WHERE rn <= multiIf(family = 'vitals', ${LIMITS.vitals}, ${LIMITS.clicks})
     ORDER BY family, rn`,
    { project: q.projectId, asOf: Math.round(q.asOf), from: q.from ?? null, to: q.to ?? null },
  );
  const of = (f: Family) => rows.filter((r) => r.family == f);
  return {
    clicks: of('clicks').map((r) => ({ kind: r.k1, page: r.k2!, selector: r.k3!, count: r.n, users: r.users })),
    flows: of('flows').map((r) => ({ flow: r.k1, lastStep: r.k2!, reason: r.k3!, count: r.n, users: r.users })),
    forms: of('forms').map((r) => ({ page: r.k1, form: r.k2!, lastField: r.k3!, count: r.n, users: r.users })),
    vitals: of('vitals').map((r) => ({ page: r.k1, name: r.k2!, p75: r.p75!, samples: r.n })),
  };
}
