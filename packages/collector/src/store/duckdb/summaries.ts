import { EVENT_SOURCES_REBUILD, EVENT_SOURCES_VIEW } from './eventSources.js';
import { PERSON_FACTS_REBUILD, PERSON_FACTS_VIEW } from './personFacts.js';

/**
 * Remakes every summary the writer keeps (eventSources.ts, personFacts.ts) from the
 * stored events: for tools that write events with SQL, not through the writer (the
 * benchmark's synthetic databases).
 */
export const SUMMARIES_REBUILD = `${EVENT_SOURCES_REBUILD} ${PERSON_FACTS_REBUILD}`;

/**
 * Temporary views that hide the summaries on one connection with the same rows computed
 * from the events (tests compare the reports both ways).
 */
export const SUMMARIES_FROM_EVENTS = [EVENT_SOURCES_VIEW, PERSON_FACTS_VIEW];
