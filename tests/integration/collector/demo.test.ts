// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';

/** `npm start` minus the build: examples/demo.mjs with free ports and a temp database. */
let child: ChildProcess;
let dir: string;
let out = '';
let exited: Promise<number | null>;
const urls: Record<string, string> = {};

beforeAll(async () => {
  if (!existsSync('packages/collector/dist/index.js')) throw new Error('run "npm run build" first: the demo runs the built packages');
  dir = mkdtempSync(join(tmpdir(), 'sabu-demo-'));
  child = spawn(process.execPath, ['examples/demo.mjs', '--demo-data', '--demo-users', '400', '--collector-port', '0', '--app-port', '0', '--basic-port', '0', '--data-dir', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  exited = new Promise((resolve) => child.on('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    const onData = (c: Buffer) => {
      out += c;
      if (/Ctrl-C to stop[\s\S]*Database/.test(out)) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', () => reject(new Error(`demo exited:\n${out}`)));
  });
  for (const [name, re] of [
    ['app', /Example SaaS app\s+(\S+)/],
    ['basic', /Basic example\s+(\S+)/],
    ['dashboard', /Dashboard\s+(\S+)/],
    ['collector', /Collector\s+(\S+)/],
  ] as const) urls[name] = re.exec(out)![1]!;
}, 60_000);
afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('npm start (examples/demo.mjs)', () => {
  it('prints the URLs and labels the synthetic data', () => {
    expect(out).toMatch(/Loaded \d+ SYNTHETIC demo events/);
    expect(urls.dashboard).toMatch(/\/dashboard\/\?key=demo_read_key_local#\/ttv$/);
  });

  it('serves the example app with the SDK pointed at the collector', async () => {
    const html = await (await fetch(urls.app!)).text();
    expect(html).toContain(`data-endpoint="${urls.collector}/v1/batch"`);
    expect(html).toContain('data-write-key="demo_write_key_local"');
    expect((await fetch(`${urls.app}sabu.min.js`)).status).toBe(200);
    // No 404 in the browser's console: an icon for each page, and the checklist's docs link.
    expect(html).toContain('rel="icon" href="/favicon.svg"');
    expect((await fetch(`${urls.app}favicon.svg`)).status).toBe(200);
    expect((await fetch(`${urls.basic}favicon.ico`)).status).toBe(204);
    const checklist = await (await fetch(`${urls.app}onboarding.json`)).json();
    const links = [...JSON.stringify(checklist).matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect([link, (await fetch(new URL(link, urls.app))).status]).toEqual([link, 200]);
  });

  it('serves the dashboard with reports already full of demo data', async () => {
    expect((await fetch(urls.dashboard!)).status).toBe(200);
    const ttv = await (await fetch(`${urls.collector}/v1/reports/ttv`, { headers: { authorization: 'Bearer demo_read_key_local' } })).json();
    expect(ttv.cohorts.length).toBeGreaterThanOrEqual(7);
    expect(ttv.cohorts.reduce((a: number, c: any) => a + c.users, 0)).toBe(400);
  });

  it('keeps the basic example working: its same-origin /v1/batch reaches the collector', async () => {
    expect(await (await fetch(urls.basic!)).text()).toContain('sabu.min.js');
    const res = await fetch(`${urls.basic}v1/batch`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ writeKey: 'demo_write_key_local', batch: [{ type: 'track', event: 'Basic Clicked', messageId: randomUUID(), timestamp: new Date().toISOString(), anonymousId: 'a-basic' }] }),
    });
    expect(res.status).toBe(200);
    expect(out).toContain('Basic Clicked');
  });

  it('stops cleanly on SIGTERM', async () => {
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
