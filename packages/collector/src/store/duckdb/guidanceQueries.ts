import type { DuckDBConnection } from '@duckdb/node-api';
import type { CohortQuery, GuideRow, TourData } from '../queryTypes.js';
import { rows } from './reportQueries.js';
import { EV, PEOPLE, SUBJECTS, baseParams } from './sqlParts.js';

/**
 * The tour and guide reports' queries (events of docs/collector.md#tour-funnel-tours and
 * #guide-click-through-guides). Every count is distinct people among the report's
 * subjects, so a user who starts a tour twice, or a batch sent twice (stored once by
 * messageId anyway), counts once; events sent before identify() count for the user they
 * were linked to.
 */

/** Step indexes past this are not believed (a hostile `index: 1e9` must not become a funnel row). */
export const MAX_STEP_INDEX = 999;

const TOUR_EVENTS = `('Tour Started', 'Tour Step Viewed', 'Tour Completed', 'Tour Dismissed', 'Tour Step Failed')`;

/** Tour events of the subjects, one row per event, with its properties read once. */
const TEV = `tev AS (
  SELECT e.person_id, s.cohort, e.event, (e.properties->>'tour') AS tour,
    nullif(e.properties->>'step', '') AS step,
    CASE WHEN try_cast(e.properties->>'index' AS INTEGER) BETWEEN 0 AND ${MAX_STEP_INDEX}
      THEN try_cast(e.properties->>'index' AS INTEGER) END AS idx,
    CASE WHEN try_cast(e.properties->>'steps' AS INTEGER) BETWEEN 0 AND ${MAX_STEP_INDEX} + 1
      THEN try_cast(e.properties->>'steps' AS INTEGER) END AS steps,
    coalesce(nullif(e.properties->>'reason', ''), '(unknown)') AS reason
  FROM ev e JOIN subjects s USING (person_id)
  WHERE e.type = 'track' AND e.event IN ${TOUR_EVENTS} AND coalesce(e.properties->>'tour', '') <> ''
)`;

/**
 * One row per person and tour they started: whether they completed, dismissed, hit a
 * failure, and the furthest step they viewed (steps viewed out of order, or again after
 * Back, still leave one furthest step).
 */
const PER = `per AS (
  SELECT tour, person_id, any_value(cohort) AS cohort,
    bool_or(event = 'Tour Completed') AS completed,
    bool_or(event = 'Tour Dismissed') AS dismissed,
    bool_or(event = 'Tour Step Failed') AS failed,
    max(idx) FILTER (WHERE event = 'Tour Step Viewed') AS furthest,
    coalesce(max(steps) FILTER (WHERE event IN ('Tour Started', 'Tour Step Viewed')), 0) AS steps
  FROM tev GROUP BY tour, person_id
  HAVING bool_or(event IN ('Tour Started', 'Tour Step Viewed'))
),
tp AS (SELECT t.* FROM tev t SEMI JOIN per p ON p.tour = t.tour AND p.person_id = t.person_id)`;

export async function tourData(conn: DuckDBConnection, q: CohortQuery): Promise<TourData> {
  const p = baseParams(q, q.by);
  const head = `WITH ${EV}, ${PEOPLE}, ${SUBJECTS}, ${TEV}, ${PER}`;
  const tours = await rows<TourData['tours'][number]>(
    conn,
    `${head}
     SELECT tour, cohort, count(*) AS started, count(*) FILTER (WHERE completed) AS completed,
       count(*) FILTER (WHERE dismissed) AS dismissed, count(*) FILTER (WHERE failed) AS failed, max(steps) AS steps
     FROM per GROUP BY ALL ORDER BY tour, cohort`,
    p,
  );
  const steps = await rows<TourData['steps'][number]>(
    conn,
    `${head},
     names AS (
       SELECT tour, idx, first(step ORDER BY n DESC, step) AS step
       FROM (SELECT tour, idx, step, count(*) AS n FROM tp WHERE idx IS NOT NULL AND step IS NOT NULL GROUP BY ALL)
       GROUP BY ALL
     ),
     viewed AS (SELECT tour, idx, count(DISTINCT person_id) AS n FROM tp WHERE event = 'Tour Step Viewed' AND idx IS NOT NULL GROUP BY ALL),
     dismissed AS (SELECT tour, idx, count(DISTINCT person_id) AS n FROM tp WHERE event = 'Tour Dismissed' AND idx IS NOT NULL GROUP BY ALL),
     dropped AS (SELECT tour, furthest AS idx, count(*) AS n FROM per WHERE NOT completed AND furthest IS NOT NULL GROUP BY ALL),
     keys AS (
       SELECT tour, idx FROM viewed UNION SELECT tour, idx FROM dismissed
       UNION SELECT tour, idx FROM dropped UNION SELECT tour, idx FROM names
     )
     SELECT k.tour, k.idx AS "index", nm.step, coalesce(v.n, 0) AS viewed, coalesce(dr.n, 0) AS dropped, coalesce(di.n, 0) AS dismissed
     FROM keys k LEFT JOIN names nm USING (tour, idx) LEFT JOIN viewed v USING (tour, idx)
       LEFT JOIN dismissed di USING (tour, idx) LEFT JOIN dropped dr USING (tour, idx)
     ORDER BY k.tour, k.idx`,
    p,
  );
  const failures = await rows<TourData['failures'][number]>(
    conn,
    `${head}
     SELECT tour, idx AS "index", step, reason, count(DISTINCT person_id) AS users, count(*) AS count
     FROM tp WHERE event = 'Tour Step Failed'
     GROUP BY ALL ORDER BY tour, users DESC, count DESC, reason, "index" NULLS LAST, step NULLS LAST`,
    p,
  );
  const unseen = await rows<TourData['unseen'][number]>(
    conn,
    `${head}
     SELECT tour, count(*) AS users FROM per WHERE furthest IS NULL GROUP BY tour ORDER BY tour`,
    p,
  );
  return { tours, steps, failures, unseen };
}

export function guideRows(conn: DuckDBConnection, q: CohortQuery) {
  return rows<GuideRow>(
    conn,
    `WITH ${EV}, ${PEOPLE}, ${SUBJECTS}
     SELECT (e.properties->>'guide') AS guide, coalesce(nullif(e.properties->>'kind', ''), '(unknown)') AS kind, s.cohort,
       count(DISTINCT e.person_id) AS viewed,
       count(DISTINCT e.person_id) FILTER (WHERE e.event = 'Guide Clicked') AS clicked,
       count(DISTINCT e.person_id) FILTER (WHERE e.event = 'Guide Dismissed') AS dismissed
     FROM ev e JOIN subjects s USING (person_id)
     WHERE e.type = 'track' AND e.event IN ('Guide Viewed', 'Guide Clicked', 'Guide Dismissed')
       AND coalesce(e.properties->>'guide', '') <> ''
     GROUP BY ALL ORDER BY guide, kind, cohort`,
    baseParams(q, q.by),
  );
}
