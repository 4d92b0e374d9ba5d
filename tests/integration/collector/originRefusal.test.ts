// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectorConfigSchema, type CollectorConfigInput } from '../../../packages/collector/src/config/configSchema.js';
import { startCollector, type RunningCollector } from '../../../packages/collector/src/server/startCollector.js';
import { createOriginRefusalLog } from '../../../packages/collector/src/server/createOriginRefusalLog.js';
import { ORIGIN, READ_KEY, WRITE_KEY, ev } from './helpers.js';

/** A page whose origin is refused gets only the browser's CORS error: the collector's terminal must say why. */
let c: RunningCollector | undefined;
let dir: string;
afterEach(async () => {
  await c?.close();
  c = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function start(projects: CollectorConfigInput['projects']) {
  dir = mkdtempSync(join(tmpdir(), 'sabu-origins-'));
  const lines: string[] = [];
  c = await startCollector(collectorConfigSchema.parse({ port: 0, database: join(dir, 'db.duckdb'), projects }), { notice: (l) => lines.push(l) });
  return lines;
}
const preflight = (origin: string) =>
  fetch(`${c!.url}/v1/batch`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
const beacon = (origin: string, writeKey = WRITE_KEY) =>
  fetch(`${c!.url}/v1/batch`, { method: 'POST', headers: { origin, 'content-type': 'text/plain' }, body: JSON.stringify({ writeKey, batch: [ev({ event: 'E', user: 'u', at: Date.now() })] }) });

describe('refused origins are logged for the operator', () => {
  it('once per origin and project, naming the origin, the project and the fix', async () => {
    const lines = await start([{ id: 'acme', writeKeys: [WRITE_KEY], readKeys: [READ_KEY], origins: [ORIGIN] }]);
    expect((await preflight('http://localhost:3001')).status).toBe(403);
    expect((await preflight('http://localhost:3001')).status).toBe(403);
    expect((await beacon('http://localhost:3001')).status).toBe(403);
    expect(lines).toEqual([
      '[sabu] refused events from origin "http://localhost:3001" for project "acme": it is not in the project\'s origins. To allow it, add "http://localhost:3001" to projects[0].origins in the config (or to SABU_ORIGINS) and restart.',
    ]);
    await beacon('http://localhost:3002');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('"http://localhost:3002"');
  });

  it('says nothing for allowed origins or requests without an Origin (servers, curl)', async () => {
    const lines = await start([{ id: 'acme', writeKeys: [WRITE_KEY], readKeys: [READ_KEY], origins: [ORIGIN] }]);
    expect((await preflight(ORIGIN)).status).toBe(204);
    expect((await beacon(ORIGIN)).status).toBe(200);
    expect((await fetch(`${c!.url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ writeKey: WRITE_KEY, batch: [ev({ event: 'E', user: 'u', at: Date.now() })] }) })).status).toBe(200);
    expect(lines).toEqual([]);
  });

  it('with several projects, names the project once the write key says which', async () => {
    const lines = await start([
      { id: 'one', writeKeys: [WRITE_KEY], readKeys: [READ_KEY], origins: [ORIGIN] },
      { id: 'two', writeKeys: ['wk_two_0002_public'], readKeys: ['rk_two_0002_secret'], origins: ['https://two.example'] },
    ]);
    await preflight('http://localhost:9999');
    expect(lines[0]).toBe('[sabu] refused a request from origin "http://localhost:9999": no project allows it. To allow it, add "http://localhost:9999" to the origins of the project whose write key the page uses, and restart.');
    // Allowed by project one, but the page uses project two's key.
    expect((await beacon(ORIGIN, 'wk_two_0002_public')).status).toBe(403);
    expect(lines[1]).toContain(`origin "${ORIGIN}" for project "two"`);
    expect(lines[1]).toContain('projects[1].origins');
  });
});

describe('createOriginRefusalLog', () => {
  it('stops after a bound, so random Origin headers cannot fill memory or the log', () => {
    const lines: string[] = [];
    const log = createOriginRefusalLog(collectorConfigSchema.parse({ projects: [{ id: 'a', writeKeys: [WRITE_KEY], readKeys: [READ_KEY] }] }), (l) => lines.push(l));
    for (let i = 0; i < 5000; i++) log.refused(`https://x${i}.example`, undefined);
    expect(lines.length).toBe(1001);
    expect(lines.at(-1)).toMatch(/not logging further ones/);
  });

  it('quotes the origin, so a crafted header cannot forge log lines', () => {
    const lines: string[] = [];
    const log = createOriginRefusalLog(collectorConfigSchema.parse({ projects: [{ id: 'a', writeKeys: [WRITE_KEY], readKeys: [READ_KEY] }] }), (l) => lines.push(l));
    log.refused('https://x.example\n[sabu] all good', undefined);
    expect(lines[0]).not.toContain('\n');
  });
});
