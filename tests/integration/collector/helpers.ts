import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { collectorConfigSchema, type CollectorConfigInput } from '../../../packages/collector/src/config/configSchema.js';
import { startCollector, type RunningCollector } from '../../../packages/collector/src/server/startCollector.js';

export const WRITE_KEY = 'wk_test_0001_public';
export const READ_KEY = 'rk_test_0001_secret';
export const ORIGIN = 'http://127.0.0.1:5173';

export interface TestCollector extends RunningCollector {
  dir: string;
  dbPath: string;
  /** The operator's lines the collector wrote (refused origins), kept here instead of on stderr. */
  notices: string[];
  stop(): Promise<void>;
}

/** A real collector on 127.0.0.1 (random port) with a real DuckDB file in a temp dir. */
export async function startTestCollector(overrides: Partial<CollectorConfigInput> = {}): Promise<TestCollector> {
  const dir = mkdtempSync(join(tmpdir(), 'sabu-collector-'));
  const dbPath = join(dir, 'sabu.duckdb');
  const config = collectorConfigSchema.parse({
    host: '127.0.0.1',
    port: 0,
    database: dbPath,
    projects: [{ id: 'acme', writeKeys: [WRITE_KEY], readKeys: [READ_KEY], origins: [ORIGIN], valueEvent: 'Report Published' }],
    ...overrides,
  });
  const notices: string[] = [];
  const c = await startCollector(config, { notice: (line) => notices.push(line) });
  return {
    ...c,
    dir,
    dbPath,
    notices,
    async stop() {
      await c.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface EvOptions {
  type?: 'track' | 'identify' | 'group' | 'page';
  event?: string;
  user?: string;
  anon?: string;
  at: string | number;
  props?: Record<string, unknown>;
  traits?: Record<string, unknown>;
  group?: string;
  path?: string;
  id?: string;
}

/** A wire-format message as the SDK sends it. */
export function ev(o: EvOptions): Record<string, unknown> {
  const type = o.type ?? 'track';
  const m: Record<string, unknown> = {
    type,
    messageId: o.id ?? randomUUID(),
    timestamp: new Date(o.at).toISOString(),
    anonymousId: o.anon ?? `anon-${o.user ?? 'x'}`,
    context: { library: { name: 'sabu', version: 'test' }, ...(o.path ? { page: { url: `http://127.0.0.1${o.path}`, path: o.path } } : {}), ...(o.group && type != 'group' ? { groupId: o.group } : {}) },
  };
  if (o.user) m.userId = o.user;
  if (type == 'track') m.event = o.event;
  if (type == 'group') m.groupId = o.group;
  if (o.props) m.properties = o.props;
  if (o.traits) m.traits = o.traits;
  return m;
}

export async function postBatch(url: string, batch: unknown[], o: { writeKey?: string; sentAt?: string; headers?: Record<string, string>; body?: BodyInit } = {}) {
  const res = await fetch(`${url}/v1/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...o.headers },
    body: o.body ?? JSON.stringify({ batch, writeKey: o.writeKey ?? WRITE_KEY, ...(o.sentAt ? { sentAt: o.sentAt } : {}) }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, any> };
}

/** Sends events in batches of 100, expecting every batch to be accepted. */
export async function ingest(url: string, events: unknown[]) {
  for (let i = 0; i < events.length; i += 100) {
    const r = await postBatch(url, events.slice(i, i + 100));
    if (r.status != 200) throw new Error(`ingest failed: ${r.status} ${JSON.stringify(r.body)}`);
  }
}

export async function getReport(url: string, name: string, params: Record<string, string> = {}, key = READ_KEY) {
  const res = await fetch(`${url}/v1/reports/${name}?${new URLSearchParams(params)}`, { headers: { authorization: `Bearer ${key}` } });
  return { status: res.status, body: (await res.json()) as any };
}
