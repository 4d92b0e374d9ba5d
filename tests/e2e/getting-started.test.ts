import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { dirname, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, packAndInstall } from '../integration/packages/packAndInstall.js';
import { launchBrowser } from './utils/browser.js';

/**
 * "Done when" of issue 13, the README's "Add Sabu to your app" path as a new user takes it:
 * an empty folder, the packed packages installed from their tarballs, `sabu init` with the
 * app's origin, `sabu start`, the printed snippet pasted into a page served from another
 * port, and the page's events seen in the live view (its API and the dashboard), in
 * `sabu tail` and in a report, all while the collector runs.
 */
let project: string;
let browser: Browser;
let app: Server;
const children: ChildProcess[] = [];

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createNetServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** Runs the installed `sabu` in the project folder, collecting its output. */
function sabu(args: string[]) {
  const child = spawn(join(project, 'node_modules/.bin/sabu'), args, { cwd: project, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const io = { out: '', err: '', exit: new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code))) };
  child.stdout!.on('data', (c) => (io.out += c));
  child.stderr!.on('data', (c) => (io.err += c));
  return { child, io };
}

async function until<T>(what: string, f: () => T | Promise<T>, ms = 15_000): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The two tags `sabu init` / `sabu start` print for pasting. */
const snippetOf = (out: string) => /<script>\n[\s\S]*?<\/script>\n<script async [^>]*><\/script>/.exec(out)?.[0];

beforeAll(async () => {
  ({ project } = packAndInstall());
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await browser?.close();
  await new Promise((r) => (app ? app.close(r) : r(null)));
  if (project) rmSync(dirname(project), { recursive: true, force: true });
});

describe('from an empty folder to your own events', () => {
  it('init, start, paste the snippet, and see the events live, in sabu tail and in a report', async () => {
    const [collectorPort, appPort] = [await freePort(), await freePort()];
    const appOrigin = `http://127.0.0.1:${appPort}`;
    const collector = `http://127.0.0.1:${collectorPort}`;

    // 1. sabu init: a config with fresh keys and the app's origin; prints the snippet.
    const init = sabu(['init', '--origin', appOrigin, '--port', String(collectorPort)]);
    expect(await init.io.exit).toBe(0);
    const config = JSON.parse(readFileSync(join(project, 'sabu.config.json'), 'utf8'));
    const [writeKey, readKey] = [config.projects[0].writeKeys[0], config.projects[0].readKeys[0]];
    const snippet = snippetOf(init.io.out)!;
    expect(snippet).toContain(`src="${collector}/sdk/sabu.min.js" data-write-key="${writeKey}"`);

    // 2. sabu start prints the same snippet.
    const start = sabu(['start']);
    await until('sabu start', () => start.io.out.includes('sabu tail') || start.child.exitCode !== null);
    expect(start.io.err).toBe('');
    expect(snippetOf(start.io.out)).toBe(snippet);

    // 3. sabu tail follows the collector.
    const tail = sabu(['tail']);

    // 4. The user's own page, on another port, with the snippet pasted in <head>.
    const page = `<!doctype html><html><head><title>My app</title>${snippet}
      <script>sabu.identify('user-7', { plan: 'pro' }); sabu.track('Signed Up', { plan: 'pro' });
        sabu.checklist({ id: 'start', title: 'Get started', autoOpen: false, items: [{ id: 'save', title: 'Save a project', completeWhen: { event: 'Project Saved' } }] });</script>
      </head><body><h1>My app</h1><button id="save" onclick="sabu.track('Project Saved', { n: 1 })">Save</button></body></html>`;
    app = createHttpServer((req, res) => {
      if (req.url == '/' || req.url?.startsWith('/?')) res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
      else if (req.url == '/favicon.ico') res.writeHead(204).end();
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => app.listen(appPort, '127.0.0.1', r));

    const context = await browser.newContext();
    const tab = await context.newPage();
    const problems: string[] = [];
    tab.on('console', (m) => m.type() == 'error' && problems.push(m.text()));
    tab.on('pageerror', (e) => problems.push(e.message));
    tab.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));
    const fromCollector: string[] = [];
    tab.on('requestfinished', (r) => r.url().startsWith(collector + '/sdk/') && fromCollector.push(r.url().slice(collector.length)));
    await tab.goto(appOrigin + '/');
    await tab.click('#save');

    // 5. The live view's API has the page's events, as the user and page said.
    const recent = async () => {
      const res = await fetch(`${collector}/v1/events/recent?limit=50`, { headers: { authorization: `Bearer ${readKey}` } });
      return ((await res.json()) as { events: { event: string | null; type: string; userId: string | null; page: string | null; properties: Record<string, unknown> | null }[] }).events;
    };
    const events = await until('events in /v1/events/recent', async () => {
      const ev = await recent();
      return ev.some((e) => e.event == 'Project Saved') && ev.some((e) => e.event == 'Signed Up') ? ev : null;
    });
    expect(events.find((e) => e.event == 'Signed Up')).toMatchObject({ type: 'track', userId: 'user-7', page: '/', properties: { plan: 'pro' } });
    expect(events.find((e) => e.event == 'Project Saved')).toMatchObject({ userId: 'user-7', page: '/' });
    // The automatic first page view comes after the snippet's queued identify(), so it is the user's.
    expect(events.find((e) => e.type == 'page')).toMatchObject({ userId: 'user-7', page: '/' });

    // 6. ... and the dashboard's live view shows them.
    const dash = await context.newPage();
    await dash.goto(`${collector}/dashboard/?key=${encodeURIComponent(readKey)}#/live`);
    await dash.getByRole('cell', { name: 'Project Saved' }).first().waitFor({ timeout: 10_000 });

    // 7. ... and sabu tail printed them.
    await until('sabu tail lines', () => /Project Saved\s+user-7\s+\/\s+\{"n":1\}/.test(tail.io.out));
    expect(tail.io.out).toMatch(/Signed Up\s+user-7/);

    // 8. A report works while the collector runs (it asks the server, no DuckDB lock error).
    const report = sabu(['report', 'adoption', '--format', 'json']);
    expect(await report.io.exit).toBe(0);
    expect(JSON.parse(report.io.out).activeUsers).toBeGreaterThanOrEqual(1);

    // Nothing went wrong in the page: the SDK and its chunks loaded from the collector.
    expect(problems).toEqual([]);
    expect(fromCollector).toContain('/sdk/sabu.min.js');
    // A chunk the entry imports on demand, across origins (CORS): the checklist the page registered.
    await until('the checklist chunk from the collector', () => fromCollector.includes('/sdk/sabu-checklist.js'));
    await context.close();

    // Ctrl-C ends tail cleanly; SIGTERM stops the collector cleanly.
    tail.child.kill('SIGINT');
    expect(await tail.io.exit).toBe(0);
    start.child.kill('SIGTERM');
    expect(await start.io.exit).toBe(0);
  }, 90_000);
});
