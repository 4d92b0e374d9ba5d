// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { collectorConfigSchema } from '../../../packages/collector/src/config/configSchema.js';
import { createServer } from '../../../packages/collector/src/server/createServer.js';
import { createDuckDBStore } from '../../../packages/collector/src/store/duckdb/createDuckDBStore.js';
import type { Store } from '../../../packages/collector/src/store/Store.js';

/**
 * Issue 11, break 4: 3,000 wrong read keys in 1.25 s, all 401, none 429. Wrong keys are
 * now limited per client IP on every read endpoint, without slowing legitimate readers.
 */
const READ_A = 'rk_project_a_secret_1';
const READ_B = 'rk_project_b_secret_1';
const READ_PATHS = ['/v1/project', '/v1/reports/ttv', '/v1/reports/health.csv', '/v1/events/recent'];
let store: Store;
let app: FastifyInstance;
let t = Date.parse('2026-03-01T00:00:00Z');

beforeAll(async () => {
  store = await createDuckDBStore(':memory:');
  const config = collectorConfigSchema.parse({
    projects: [
      { id: 'a', writeKeys: ['wk_project_a_public'], readKeys: [READ_A] },
      { id: 'b', writeKeys: ['wk_project_b_public'], readKeys: [READ_B] },
    ],
    readAuthLimit: { maxFailures: 30, windowMs: 60_000 },
  });
  app = createServer({ config, store, now: () => t });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await store.close();
});

const get = (url: string, key: string | undefined, ip: string) =>
  app.inject({ method: 'GET', url, remoteAddress: ip, headers: key ? { authorization: `Bearer ${key}` } : {} });

describe('read-key guessing', () => {
  it('answers 429 with Retry-After after 30 wrong keys from one IP, on every read endpoint, until the window ends', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3000; i++) statuses.push((await get(READ_PATHS[i % READ_PATHS.length]!, `rk_guess_${i}_xxxxxxxx`, '10.0.0.1')).statusCode);
    expect(statuses.filter((s) => s == 401)).toHaveLength(30);
    expect(statuses.slice(30).every((s) => s == 429)).toBe(true);
    const blocked = await get('/v1/reports/ttv', 'rk_guess_again_xxxxxxx', '10.0.0.1');
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(blocked.json()).toMatchObject({ error: 'too_many_failed_keys' });
    // A right key never used from this IP is blocked too: a guess that hits must look like a miss.
    for (const path of READ_PATHS) expect((await get(path, READ_B, '10.0.0.1')).statusCode, path).toBe(429);
    // Query-string keys (dashboard links) count the same.
    expect((await app.inject({ method: 'GET', url: `/v1/reports/ttv?key=${READ_B}`, remoteAddress: '10.0.0.1' })).statusCode).toBe(429);
    t += 60_000;
    expect((await get('/v1/reports/ttv', READ_B, '10.0.0.1')).statusCode).toBe(200);
  });

  it('does not slow legitimate readers: other IPs, and keys that already worked from the blocked IP', async () => {
    t += 120_000;
    expect((await get('/v1/reports/ttv', READ_A, '10.0.0.2')).statusCode).toBe(200);
    for (let i = 0; i < 40; i++) await get('/v1/project', `rk_wrong_${i}_xxxxxxxxx`, '10.0.0.2');
    expect((await get('/v1/project', 'rk_wrong_again_xxxxxx', '10.0.0.2')).statusCode).toBe(429);
    // The dashboard that signed in from 10.0.0.2 before the guessing started keeps working.
    for (const path of READ_PATHS) expect((await get(path, READ_A, '10.0.0.2')).statusCode, path).toBe(200);
    // Another client is not affected at all, and a legitimate reader's many requests never count.
    for (let i = 0; i < 100; i++) expect((await get('/v1/project', READ_B, '10.0.0.3')).statusCode).toBe(200);
    expect((await get('/v1/project', 'rk_one_typo_xxxxxxxxx', '10.0.0.3')).statusCode).toBe(401);
  });

  it('counts an IPv6 client per /64, so rotating addresses inside it does not help', async () => {
    t += 120_000;
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await get('/v1/project', `rk_v6_guess_${i}_xxxxxxx`, `2001:db8:1:2::${(i + 1).toString(16)}`)).statusCode);
    expect(statuses.filter((s) => s == 401)).toHaveLength(30);
    expect((await get('/v1/project', 'rk_v6_guess_xxxxxxxxx', '2001:db8:1:3::1')).statusCode).toBe(401);
  });
});
