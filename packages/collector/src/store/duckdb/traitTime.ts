import { MAX_TIME_ISO, MAX_TIME_MS, MIN_TIME_ISO, MIN_TIME_MS } from '../timeRange.js';

/** `expr` (a TIMESTAMP) when inside 1970–2100, else NULL. */
const inRange = (expr: string) => `CASE WHEN ${expr} >= TIMESTAMP '${MIN_TIME_ISO}' AND ${expr} < TIMESTAMP '${MAX_TIME_ISO}' THEN ${expr} END`;

/**
 * A trait's JSON text parsed as a time, NULL when it is none or falls outside 1970–2100:
 * a number is epoch ms, or epoch seconds below 1e11 (1e11 ms is March 1973, 1e11 s the
 * year 5138, so the two cannot be confused within the range); else an ISO string with any
 * offset. Every step is a try_cast or a range check first, so no stored value can make the
 * query fail (`created_at: 1e17` once failed every TTV report: epoch_ms overflowed).
 */
export const traitTime = (name: string) => {
  const n = `try_cast(traits->>'${name}' AS DOUBLE)`;
  const msExpr = `CASE WHEN abs(${n}) < 1e11 THEN ${n} * 1000 ELSE ${n} END`;
  return `coalesce(
    CASE WHEN ${msExpr} >= ${MIN_TIME_MS} AND ${msExpr} < ${MAX_TIME_MS} THEN epoch_ms(CAST(${msExpr} AS BIGINT)) END,
    ${inRange(`try_cast(try_cast(traits->>'${name}' AS TIMESTAMPTZ) AS TIMESTAMP)`)})`;
};
