import type { CohortQuery, GuideRow, TourData } from '../queryTypes.js';
import { MAX_STEP_INDEX } from '../duckdb/guidanceQueries.js';
import type { ClickHouseExecutor } from './ClickHouseExecutor.js';
import { EV, PEOPLE, SUBJECTS, baseParams, jtext } from './sqlParts.js';

/**
 * The tour and guide reports' reads in ClickHouse SQL, twins of ../duckdb/guidanceQueries.ts
 * (semantics in docs/collector.md#tour-funnel-tours): distinct people among the subjects.
 */

const TOUR_EVENTS = `('Tour Started', 'Tour Step Viewed', 'Tour Completed', 'Tour Dismissed', 'Tour Step Failed')`;
/** DuckDB's try_cast(… AS INTEGER) of a property, kept only inside [0, max]. */
const intIn = (key: string, max: number) =>
  `if(toInt64OrNull(trimBoth(${jtext('e.properties', key)})) BETWEEN 0 AND ${max}, toInt32(assumeNotNull(toInt64OrNull(trimBoth(${jtext('e.properties', key)})))), NULL)`;

const TEV = `tev AS (
  SELECT e.person_id AS person_id, s.cohort AS cohort, e.event AS event, ${jtext('e.properties', 'tour')} AS tour,
    nullIf(${jtext('e.properties', 'step')}, '') AS step,
    ${intIn('index', MAX_STEP_INDEX)} AS idx,
    ${intIn('steps', MAX_STEP_INDEX + 1)} AS steps,
    coalesce(nullIf(${jtext('e.properties', 'reason')}, ''), '(unknown)') AS reason
  FROM ev AS e INNER JOIN subjects AS s ON s.person_id = e.person_id
  WHERE e.type = 'track' AND e.event IN ${TOUR_EVENTS} AND coalesce(${jtext('e.properties', 'tour')}, '') <> ''
)`;

const PER = `per AS (
  SELECT tour, person_id, any(cohort) AS cohort,
    countIf(event = 'Tour Completed') > 0 AS completed,
    countIf(event = 'Tour Dismissed') > 0 AS dismissed,
    countIf(event = 'Tour Step Failed') > 0 AS failed,
    maxIf(idx, event = 'Tour Step Viewed') AS furthest,
    coalesce(maxIf(steps, event IN ('Tour Started', 'Tour Step Viewed')), 0) AS steps
  FROM tev GROUP BY tour, person_id
  HAVING countIf(event IN ('Tour Started', 'Tour Step Viewed')) > 0
)`;
/** Tour events of people who started the tour. */
const TP = `tp AS (SELECT * FROM tev WHERE (tour, person_id) IN (SELECT tour, person_id FROM per))`;

export async function tourData(x: ClickHouseExecutor, q: CohortQuery): Promise<TourData> {
  const p = baseParams(q, q.by);
  const head = `WITH ${EV}, ${PEOPLE}, ${SUBJECTS}, ${TEV}, ${PER}`;
  const tours = await x.query<TourData['tours'][number]>(
    `${head}
     SELECT tour, cohort, count() AS started, countIf(completed) AS completed,
       countIf(dismissed) AS dismissed, countIf(failed) AS failed, max(steps) AS steps
     FROM per GROUP BY tour, cohort ORDER BY tour, cohort`,
    p,
  );
  // One pass over the step events (a CTE is re-planned at every use in ClickHouse): per
  // (tour, index, step) the events and the people who viewed or dismissed there, then per
  // (tour, index) the most-seen step id (ties: the smallest), joined with the drop-offs.
  const steps = await x.query<TourData['steps'][number]>(
    `${head}, ${TP},
     by_step AS (
       SELECT tour, assumeNotNull(idx) AS idx, step, count() AS n,
         groupUniqArrayIf(person_id, event = 'Tour Step Viewed') AS v, groupUniqArrayIf(person_id, event = 'Tour Dismissed') AS d
       FROM tp WHERE idx IS NOT NULL GROUP BY tour, idx, step
     ),
     at_index AS (
       SELECT tour, idx, argMinIf(step, (-n, step), step IS NOT NULL) AS step,
         length(groupUniqArrayArray(v)) AS viewed, length(groupUniqArrayArray(d)) AS dismissed
       FROM by_step GROUP BY tour, idx
       HAVING viewed > 0 OR dismissed > 0 OR step IS NOT NULL
     ),
     dropped AS (SELECT tour, assumeNotNull(furthest) AS idx, count() AS n FROM per WHERE NOT completed AND furthest IS NOT NULL GROUP BY tour, idx)
     SELECT coalesce(a.tour, dr.tour) AS tour, coalesce(a.idx, dr.idx) AS index, a.step AS step,
       coalesce(a.viewed, 0) AS viewed, coalesce(dr.n, 0) AS dropped, coalesce(a.dismissed, 0) AS dismissed
     FROM at_index AS a FULL OUTER JOIN dropped AS dr ON dr.tour = a.tour AND dr.idx = a.idx
     ORDER BY tour, index`,
    p,
  );
  const failures = await x.query<TourData['failures'][number]>(
    `${head}, ${TP}
     SELECT tour, idx AS index, step, reason, uniqExact(person_id) AS users, count() AS count
     FROM tp WHERE event = 'Tour Step Failed'
     GROUP BY tour, idx, step, reason ORDER BY tour, users DESC, count DESC, reason, index NULLS LAST, step NULLS LAST`,
    p,
  );
  const unseen = await x.query<TourData['unseen'][number]>(
    `${head}
     SELECT tour, count() AS users FROM per WHERE furthest IS NULL GROUP BY tour ORDER BY tour`,
    p,
  );
  return { tours, steps, failures, unseen };
}

export function guideRows(x: ClickHouseExecutor, q: CohortQuery) {
  return x.query<GuideRow>(
    `WITH ${EV}, ${PEOPLE}, ${SUBJECTS}
     SELECT ${jtext('e.properties', 'guide')} AS guide, coalesce(nullIf(${jtext('e.properties', 'kind')}, ''), '(unknown)') AS kind, s.cohort AS cohort,
       uniqExact(e.person_id) AS viewed,
       uniqExactIf(e.person_id, e.event = 'Guide Clicked') AS clicked,
       uniqExactIf(e.person_id, e.event = 'Guide Dismissed') AS dismissed
     FROM ev AS e INNER JOIN subjects AS s ON s.person_id = e.person_id
     WHERE e.type = 'track' AND e.event IN ('Guide Viewed', 'Guide Clicked', 'Guide Dismissed')
       AND coalesce(${jtext('e.properties', 'guide')}, '') <> ''
     GROUP BY guide, kind, cohort ORDER BY guide, kind, cohort`,
    baseParams(q, q.by),
  );
}
