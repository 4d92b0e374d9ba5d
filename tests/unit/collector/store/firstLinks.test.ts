// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { firstLinks } from '../../../../packages/collector/src/store/duckdb/createWriter.js';
import type { EventRow } from '../../../../packages/collector/src/store/EventRow.js';

const row = (anonymousId: string, userId: string | null, timestamp: number, projectId = 'p'): EventRow => ({
  projectId, messageId: `${anonymousId}${timestamp}`, type: 'track', event: 'E', anonymousId, userId, groupId: null,
  timestamp, originalTimestamp: timestamp, receivedAt: timestamp, sessionId: null, pagePath: null, properties: null, traits: null, context: null,
});

describe('firstLinks', () => {
  it('keeps the earliest user per anonymous id and project, skipping anonymous rows', () => {
    const links = firstLinks([row('a', 'u2', 20), row('a', 'u1', 10), row('b', null, 5), row('a', 'u3', 10, 'q')], new Set());
    expect(links.map((r) => [r.projectId, r.anonymousId, r.userId])).toEqual([['p', 'a', 'u1'], ['q', 'a', 'u3']]);
  });
  it('skips anonymous ids already linked', () => {
    expect(firstLinks([row('a', 'u1', 10)], new Set(['p\u0000a']))).toEqual([]);
  });
});
