import type { EventRow } from '../../../../packages/collector/src/store/EventRow.js';

/** A stored event row of project 'p' at time `at`, every optional column empty; `o` sets the rest. */
export const eventRow = (messageId: string, at: number, o: Partial<EventRow> = {}): EventRow => ({
  projectId: 'p', messageId, type: 'track', event: 'E', anonymousId: null, userId: null, groupId: null,
  timestamp: at, originalTimestamp: at, receivedAt: at, sessionId: null, pagePath: null, properties: null, traits: null, context: null, ...o,
});

/** The fields of a generated event (property tests) that say who it is about. */
export interface GeneratedWho {
  type: string;
  event: string;
  anonymousId: string | null;
  userId: string | null;
  previousId: string;
}

/** Its identity columns as ingest would store them: an alias always names a user and keeps its previousId; a row without a user has an anonymous id. */
export function identityColumns(e: GeneratedWho): Pick<EventRow, 'type' | 'event' | 'anonymousId' | 'userId' | 'previousId'> {
  const userId = e.type == 'alias' ? (e.userId ?? 'u1') : e.userId;
  return {
    type: e.type as EventRow['type'],
    event: e.type == 'track' ? e.event : null,
    anonymousId: e.anonymousId ?? (userId ? null : 'a1'),
    userId,
    previousId: e.type == 'alias' ? e.previousId : null,
  };
}
