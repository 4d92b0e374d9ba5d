/**
 * The times Sabu believes: 1970-01-01 (inclusive) to 2100-01-01 (exclusive), UTC. A time
 * outside is a broken clock, a unit mix-up or hostile input (`created_at: 1e17` once made
 * every TTV report fail), so it is treated as absent: at ingest for event times, and at
 * read for everything already stored and for traits. See docs/collector.md#limits.
 */
export const MIN_TIME_MS = 0;
/** Date.UTC(2100, 0, 1) */
export const MAX_TIME_MS = 4_102_444_800_000;
export const MIN_TIME_ISO = '1970-01-01';
export const MAX_TIME_ISO = '2100-01-01';

export const inTimeRange = (ms: number) => Number.isFinite(ms) && ms >= MIN_TIME_MS && ms < MAX_TIME_MS;
