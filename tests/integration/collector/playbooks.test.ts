// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectorConfigSchema, type CollectorConfig } from '../../../packages/collector/src/config/configSchema.js';
import { startCollector, type RunningCollector } from '../../../packages/collector/src/server/startCollector.js';
import { runCli } from '../../../packages/collector/src/cli/runCli.js';
import { writeFileSync } from 'node:fs';
import { READ_KEY, WRITE_KEY, ev, ingest } from './helpers.js';

/**
 * Server-side playbooks end to end: a real collector (DuckDB file, outbox file) and a
 * webhook receiver on 127.0.0.1 that records every request and answers what the test says.
 */
const DAY = 86_400_000;
const SECRET = 'whsec_test_0123456789abcdef';
const CHAT_SECRET = 'whsec_chat_0123456789abcdef';
const now = Date.now();
const ago = (days: number) => now - days * DAY;

interface Received { path: string; headers: Record<string, string | string[] | undefined>; body: string; status: number }
const received: Received[] = [];
/** Status codes to answer, in order; then 200. */
let failNext: number[] = [];
let failAll = false;
let receiver: Server;
let receiverUrl: string;
let dir: string;
let configFile: string;
let config: CollectorConfig;
let collector: RunningCollector | undefined;

const ok = (r: Received) => r.status >= 200 && r.status < 300;
const jsonOk = () => received.filter((r) => r.path == '/json' && ok(r)).map((r) => JSON.parse(r.body));

async function until(what: string, cond: () => boolean, ms = 10_000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; received ${JSON.stringify(received.map((r) => [r.path, r.status, r.headers['x-sabu-delivery']]))}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The receiver's check, written as docs/playbooks.md tells a receiver to (not with the collector's code). */
function signatureValid(r: Received, secret: string) {
  const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(r.headers['x-sabu-signature'])) ?? [];
  if (!t || !v1) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${r.body}`).digest();
  return Math.abs(Date.now() / 1000 - Number(t)) < 300 && timingSafeEqual(expected, Buffer.from(v1, 'hex'));
}

async function start() {
  collector = await startCollector(config, { notice: () => {} });
  return collector;
}
async function stop() {
  await collector?.close();
  collector = undefined;
}
const run = async () => {
  const res = await fetch(`${collector!.url}/v1/playbooks/run`, { method: 'POST', headers: { authorization: `Bearer ${READ_KEY}` } });
  return (await res.json()) as { findings: any[] };
};
const preview = async () => {
  const res = await fetch(`${collector!.url}/v1/playbooks/preview`, { headers: { authorization: `Bearer ${READ_KEY}` } });
  return (await res.json()) as { findings: any[] };
};
async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}
const signup = (user: string, account: string, daysAgo: number) => [
  ev({ type: 'identify', user, at: ago(daysAgo), traits: { created_at: new Date(ago(daysAgo)).toISOString() } }),
  ev({ type: 'group', user, group: account, at: ago(daysAgo) }),
];
const value = (user: string, account: string, daysAgo: number) => ev({ event: 'First Value Reached', user, group: account, at: ago(daysAgo) });

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const status = failAll ? 503 : (failNext.shift() ?? 200);
      received.push({ path: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const addr = receiver.address() as { port: number };
  receiverUrl = `http://127.0.0.1:${addr.port}`;
  dir = mkdtempSync(join(tmpdir(), 'sabu-playbooks-'));
  const raw = {
    host: '127.0.0.1',
    port: 0,
    database: join(dir, 'sabu.duckdb'),
    projects: [{ id: 'acme', writeKeys: [WRITE_KEY], readKeys: [READ_KEY] }],
    playbooks: {
      // Evaluations in this test: at each start, and on demand.
      intervalMinutes: 600,
      webhooks: [
        { id: 'cs', url: `${receiverUrl}/json`, secret: SECRET },
        { id: 'chat', url: `${receiverUrl}/slack`, secret: CHAT_SECRET, format: 'slack' },
      ],
      rules: [
        { id: 'stuck', when: 'no_value_after', days: 7, webhooks: ['cs', 'chat'] },
        { id: 'detractor', when: 'nps_detractor', withinDays: 30, webhooks: ['cs'] },
        { id: 'drop', when: 'active_users_drop', windowDays: 7, dropPercent: 50, minUsers: 2, webhooks: ['cs'] },
      ],
      retry: { initialDelayMs: 50, maxDelayMs: 200 },
    },
  };
  config = collectorConfigSchema.parse(raw);
  configFile = join(dir, 'sabu.config.json');
  writeFileSync(configFile, JSON.stringify(raw));
  // Fill the database with the first collector, before any rule can see anything.
  await start();
  await ingest(collector!.url, [
    // co-a: a1 signed up 20 days ago, no value → stuck.
    ...signup('a1', 'co-a', 20),
    // co-b: b1 reached value, then answered NPS 3 two days ago → detractor.
    ...signup('b1', 'co-b', 30), value('b1', 'co-b', 29),
    ev({ event: 'Survey Answered', user: 'b1', group: 'co-b', at: ago(2), props: { survey: 'nps-q', kind: 'nps', score: 3 } }),
    // co-c: three people active 8–13 days ago, one of them in the last 7 days → 67 % drop.
    ...['c1', 'c2', 'c3'].flatMap((u, i) => [...signup(u, 'co-c', 40), value(u, 'co-c', 39), ev({ event: 'Feature Used', user: u, group: 'co-c', at: ago(9 + i), props: { feature: 'x' } })]),
    ev({ event: 'Feature Used', user: 'c1', group: 'co-c', at: ago(1), props: { feature: 'x' } }),
    // co-d: fine on every rule (value reached, promoter, steady).
    ...signup('d1', 'co-d', 30), value('d1', 'co-d', 29),
    ev({ event: 'Survey Answered', user: 'd1', group: 'co-d', at: ago(2), props: { survey: 'nps-q', kind: 'nps', score: 10 } }),
  ]);
  await stop();
  received.length = 0;
});
afterAll(async () => {
  await stop();
  await new Promise((r) => receiver.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe('server-side playbooks', () => {
  it('lists what would fire now and why, sending nothing (sabu playbooks --dry-run)', async () => {
    const r = await cli('playbooks', '--dry-run', '--config', configFile);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out.split('\n').filter((l) => l.startsWith('would fire'))).toEqual([
      'would fire     acme  detractor  account co-b: 1 NPS detractor answer in 30 days (latest: 3 from b1)',
      'would fire     acme  drop  account co-c: active people fell 66.7 % (3 → 1) over the last 7 days',
      'would fire     acme  stuck  account co-a: 1 person has not reached value 7 days after signing up',
    ]);
    expect(r.out).toContain('3 would fire now, 0 fired before');
    const json = JSON.parse((await cli('playbooks', '--dry-run', '--format', 'json', '--config', configFile)).out);
    expect(json.findings.find((f: any) => f.rule == 'stuck').evidence).toMatchObject({ days: 7, people: 1, longestWaitingDays: 20, examples: [{ person: 'a1' }] });
    expect(received).toEqual([]);
  });

  it('POSTs each firing once, signed, retrying a 500, with a Slack-compatible body for chat hooks', async () => {
    failNext = [500];
    await start(); // evaluates at start
    await until('four successful deliveries', () => received.filter(ok).length == 4);
    await until('the outbox to empty', () => collector!.playbooks.pending().length == 0);
    const bodies = jsonOk();
    expect(bodies.map((b) => [b.rule.id, b.account]).sort()).toEqual([['detractor', 'co-b'], ['drop', 'co-c'], ['stuck', 'co-a']]);
    // The first request got a 500 and was retried with the same id and body.
    const failed = received.filter((r) => r.status == 500);
    expect(failed).toHaveLength(1);
    const retried = received.filter((r) => ok(r) && r.path == failed[0]!.path && r.headers['x-sabu-delivery'] == failed[0]!.headers['x-sabu-delivery']);
    expect(retried.map((r) => r.body)).toEqual([failed[0]!.body]);
    for (const r of received.filter((x) => x.path == '/json')) {
      expect(signatureValid(r, SECRET)).toBe(true);
      expect(signatureValid(r, 'whsec_wrong_0123456789abcdef')).toBe(false);
      expect(JSON.parse(r.body).id).toBe(r.headers['x-sabu-delivery']);
    }
    const stuck = bodies.find((b) => b.rule.id == 'stuck');
    expect(stuck).toMatchObject({ type: 'playbook.fired', project: 'acme', rule: { when: 'no_value_after' }, evidence: { people: 1 } });
    expect(stuck.id).toMatch(/^pb_[0-9a-f]{32}$/);
    const chat = received.filter((r) => r.path == '/slack');
    expect(chat).toHaveLength(1);
    expect(signatureValid(chat[0]!, CHAT_SECRET)).toBe(true);
    expect(JSON.parse(chat[0]!.body)).toEqual({ text: `*stuck*: account *co-a* (acme): 1 person has not reached value 7 days after signing up. Firing ${stuck.id}.` });
  });

  it('does not fire again across a restart, nor while the account stays over the line', async () => {
    const before = received.length;
    await stop();
    await start(); // evaluates at start again
    const again = await run();
    expect(again.findings.map((f) => f.status)).toEqual(['already_fired', 'already_fired', 'already_fired']);
    await new Promise((r) => setTimeout(r, 300));
    expect(received.length).toBe(before);
    expect((await cli('playbooks', '--dry-run', '--config', configFile)).out).toContain('0 would fire now, 3 fired before');
  });

  it('delivers a firing still pending at shutdown after the restart, exactly once', async () => {
    failAll = true;
    // co-e crosses the line now: e1 signed up 10 days ago without value.
    await ingest(collector!.url, signup('e1', 'co-e', 10));
    const fired = (await run()).findings.filter((f) => f.status == 'fired');
    expect(fired.map((f) => [f.rule, f.account])).toEqual([['stuck', 'co-e']]);
    await until('a failed attempt', () => received.some((r) => r.status == 503 && r.headers['x-sabu-delivery'] == fired[0].firingId));
    await stop();
    const seenBefore = new Set(received.filter(ok).map((r) => `${r.path} ${r.headers['x-sabu-delivery']}`));
    failAll = false;
    await start();
    await until('the pending deliveries', () => received.filter((r) => ok(r) && r.headers['x-sabu-delivery'] == fired[0].firingId).length == 2);
    await until('the outbox to empty', () => collector!.playbooks.pending().length == 0);
    await new Promise((r) => setTimeout(r, 300));
    // Each firing, to each of its webhooks, acknowledged exactly once over every restart.
    const acks = received.filter(ok).map((r) => `${r.path} ${r.headers['x-sabu-delivery']}`);
    expect(acks.length).toBe(new Set(acks).size);
    expect(acks.filter((a) => !seenBefore.has(a)).sort()).toEqual([`/json ${fired[0].firingId}`, `/slack ${fired[0].firingId}`]);
  });

  it('fires again once an account went back under the line and crosses it anew', async () => {
    await ingest(collector!.url, [value('a1', 'co-a', 0.5)]);
    const after = await run();
    expect(after.findings.some((f) => f.account == 'co-a')).toBe(false);
    await ingest(collector!.url, signup('a2', 'co-a', 9));
    const anew = (await run()).findings.find((f) => f.account == 'co-a');
    expect(anew).toMatchObject({ rule: 'stuck', status: 'fired' });
    const first = jsonOk().find((b) => b.account == 'co-a')!;
    expect(anew.firingId).not.toBe(first.id);
    await until('the new firing', () => jsonOk().filter((b) => b.account == 'co-a').length == 2);
    expect((await preview()).findings.find((f: any) => f.account == 'co-a').status).toBe('already_fired');
  });
});
