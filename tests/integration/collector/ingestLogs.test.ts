// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectorConfigSchema } from '../../../packages/collector/src/config/configSchema.js';
import { createServer } from '../../../packages/collector/src/server/createServer.js';
import { createDuckDBStore } from '../../../packages/collector/src/store/duckdb/createDuckDBStore.js';
import type { Store } from '../../../packages/collector/src/store/Store.js';
import { READ_KEY, WRITE_KEY, ev } from './helpers.js';

/**
 * Issue 11, break 9: a 500 logged the raw properties, survey comments included. Whatever
 * the failing store says, the log holds ids, sizes and the error's kind, never content.
 */
const config = collectorConfigSchema.parse({ projects: [{ id: 'acme', writeKeys: [WRITE_KEY], readKeys: [READ_KEY] }], database: ':memory:' });
const SECRETS = ['my-secret-survey-comment', 'secret-trait-value', 'secret-property-value', 'secret-context-title'];
let real: Store;
beforeAll(async () => {
  real = await createDuckDBStore(':memory:');
});
afterAll(() => real.close());

/** Serves with a store whose writes fail the way DuckDB fails on a malformed row: its error quotes the row. */
function serverWithFailingStore(lines: string[], fail: (rows: Parameters<Store['insertEvents']>[0]) => Promise<void>) {
  const store: Store = { ...real, insertEvents: fail };
  return createServer({ config, store, logger: { level: 'info', stream: { write: (l: string) => void lines.push(l) } } });
}

const batch = () => {
  const survey = ev({ event: 'Survey Answered', user: 'u-log', at: '2026-01-05T10:00:00Z', props: { comment: SECRETS[0], other: SECRETS[2] } });
  (survey.context as Record<string, unknown>).page = { url: 'http://x/', path: '/', title: SECRETS[3] };
  return [survey, ev({ type: 'identify', user: 'u-log', at: '2026-01-05T10:00:00Z', traits: { plan: SECRETS[1] } })];
};

describe('error logs', () => {
  it('log ids, sizes and the error of a failed commit, never event content', async () => {
    const lines: string[] = [];
    // A genuine database error: the rows made malformed so DuckDB quotes them back.
    const app = serverWithFailingStore(lines, (rows) => real.insertEvents(rows.map((r) => ({ ...r, properties: r.properties && `${r.properties.slice(0, -1)},"x":"\\ud800"}`, traits: r.traits && `${r.traits}}` }))));
    const events = batch();
    const res = await app.inject({ method: 'POST', url: '/v1/batch', payload: { batch: events, writeKey: WRITE_KEY } });
    await app.close();
    expect(res.statusCode).toBe(500);
    const log = lines.join('');
    const entry = lines.map((l) => JSON.parse(l)).find((l) => l.level >= 50);
    expect(entry).toMatchObject({ project: 'acme', events: 2, messageIds: events.map((e) => e.messageId), error: { type: 'Error' } });
    expect(entry.bytes).toBeGreaterThan(0);
    expect(entry.error.message).toMatch(/Conversion Error|Malformed JSON|Invalid Input/i);
    for (const s of SECRETS) expect(log).not.toContain(s);
  });

  it('log no content when the error message itself quotes the body', async () => {
    const lines: string[] = [];
    const app = serverWithFailingStore(lines, (rows) => Promise.reject(new TypeError(`cannot store ${rows[0]!.properties} nor '${rows[1]!.traits}' (Input: ${rows[0]!.context})`)));
    const res = await app.inject({ method: 'POST', url: '/v1/batch', payload: { batch: batch(), writeKey: WRITE_KEY } });
    await app.close();
    expect(res.statusCode).toBe(500);
    expect(lines.some((l) => JSON.parse(l).level >= 50)).toBe(true);
    for (const s of SECRETS) expect(lines.join('')).not.toContain(s);
  });

  it('never show a read key, given as ?key= or as a bearer header', async () => {
    const lines: string[] = [];
    const app = createServer({ config, store: real, logger: { level: 'info', stream: { write: (l: string) => void lines.push(l) } } });
    const a = await app.inject({ method: 'GET', url: `/v1/reports/ttv?by=plan&key=${READ_KEY}` });
    const b = await app.inject({ method: 'GET', url: '/v1/reports/ttv', headers: { authorization: `Bearer ${READ_KEY}` } });
    await app.close();
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const urls = lines.map((l) => JSON.parse(l).req?.url).filter(Boolean);
    expect(urls).toContain('/v1/reports/ttv?by=plan&key=(redacted)');
    expect(lines.join('')).not.toContain(READ_KEY);
  });
});
