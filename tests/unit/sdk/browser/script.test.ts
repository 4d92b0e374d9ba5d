import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fakePlatform } from '../fakePlatform';

/**
 * The inline snippet queues calls under the names in its list until sabu.min.js arrives;
 * every one of them must replay. The names are read from every snippet we publish
 * (README, docs, examples, the snippet `sabu start` prints), so adding a name there
 * without making it replayable fails here.
 */
const ROOT = process.cwd(); // vitest runs from the repository root
const SNIPPET = /!function\(w,n\)\{var s=w\[n\]=w\[n\]\|\|\{q:\[\]\};if\(s\.q\)\[([^\]]+)\]\.forEach[^\n<`'\\]*?\(window,"sabu"\);/g;

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((f) => {
    const p = join(dir, f);
    if (f == 'node_modules' || f == 'dist') return [];
    return statSync(join(ROOT, p)).isDirectory() ? files(p) : /\.(md|html|js|mjs|ts)$/.test(f) ? [p] : [];
  });
}
const published = ['README.md', ...files('docs'), ...files('examples'), ...files('packages/collector/src')];
const snippets = published.flatMap((f) => [...readFileSync(join(ROOT, f), 'utf8').matchAll(SNIPPET)].map((m) => ({ file: f, code: m[0], names: JSON.parse('[' + m[1] + ']') as string[] })));
const methods = [...new Set(snippets.flatMap((s) => s.names))];

const checklist = vi.fn();
const survey = vi.fn();
const playbook = vi.fn();
vi.mock('../../../../packages/sdk/src/guidance/checklist/checklist', () => ({ checklist: (...a: unknown[]) => checklist(...a), registerChecklists: () => {} }));
vi.mock('../../../../packages/sdk/src/guidance/survey/survey', () => ({ survey: (...a: unknown[]) => survey(...a), registerSurveys: () => {} }));
vi.mock('../../../../packages/sdk/src/guidance/playbook/playbook', () => ({ playbook: (...a: unknown[]) => playbook(...a), registerPlaybooks: () => {} }));
const tour = vi.fn();
vi.mock('../../../../packages/sdk/src/guidance/tour/tour', () => ({ tour: (...a: unknown[]) => tour(...a), registerTours: () => {} }));
vi.mock('../../../../packages/sdk/src/signals/createSignals', () => ({ createSignals: () => null }));

type Fake = ReturnType<typeof fakePlatform>;
type Sabu = Record<string, (...a: unknown[]) => any>;
/** For each queueable method: the call queued, and what shows it was replayed. */
const CASES: Record<string, { args: unknown[]; check(fake: Fake, sabu: Sabu, sent: any[]): void }> = {
  init: { args: [{ writeKey: 'wk', endpoint: '/v1/batch', consent: 'pending', batchSize: 500, flushInterval: 600_000 }], check: (_f, sabu) => expect(sabu.status!()).toBeDefined() },
  optOut: { args: [], check: (_f, _s, sent) => expect(sent.map((m) => m.event)).not.toContain('While opted out') },
  optIn: { args: [], check: (_f, _s, sent) => expect(sent.map((m) => m.event)).toContain('Tracked') },
  consent: { args: [true], check: (_f, sabu) => expect(sabu.status!().consent).toBe('granted') },
  identify: { args: ['u1'], check: (_f, _s, sent) => expect(sent.find((m) => m.type == 'identify')).toMatchObject({ userId: 'u1' }) },
  group: { args: ['g1'], check: (_f, _s, sent) => expect(sent.find((m) => m.type == 'group')).toMatchObject({ groupId: 'g1' }) },
  track: { args: ['Tracked'], check: (_f, _s, sent) => expect(sent.find((m) => m.event == 'Tracked')).toMatchObject({ userId: 'u1' }) },
  page: { args: ['Named'], check: (_f, _s, sent) => expect(sent.find((m) => m.name == 'Named')).toBeDefined() },
  feature: { args: ['export-csv'], check: (_f, _s, sent) => expect(sent.find((m) => m.event == 'Feature Used')).toMatchObject({ properties: { feature: 'export-csv' } }) },
  checklist: { args: [{ id: 'onboarding' }], check: () => expect(checklist).toHaveBeenCalledWith({ id: 'onboarding' }) },
  survey: { args: [{ id: 'nps' }], check: () => expect(survey).toHaveBeenCalledWith({ id: 'nps' }) },
  playbook: { args: [{ id: 'rage-pay' }], check: () => expect(playbook).toHaveBeenCalledWith({ id: 'rage-pay' }) },
  tour: { args: ['welcome'], check: () => expect(tour).toHaveBeenCalledWith('welcome') },
  // Flushed although batchSize and flushInterval would hold the events back.
  flush: { args: [], check: (fake) => expect(fake.sent.length).toBeGreaterThan(0) },
  reset: {
    args: [],
    check(_f, _s, sent) {
      const after = sent.find((m) => m.event == 'After reset');
      expect(after.userId).toBeUndefined();
      expect(after.anonymousId).not.toBe(sent.find((m) => m.event == 'Tracked').anonymousId);
    },
  },
};
/** Calls queued between the cases, to make some of them observable. */
const BETWEEN: Record<string, unknown[][]> = { optOut: [['track', 'While opted out']], reset: [['track', 'After reset']] };
const ORDER = ['init', 'optOut', 'optIn', 'consent', 'identify', 'group', 'track', 'page', 'feature', 'checklist', 'survey', 'playbook', 'tour', 'flush', 'reset'];

let fake: Fake;
beforeEach(() => {
  vi.resetModules();
  fake = fakePlatform();
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  delete (window as any).sabu;
  delete (window as any)[Symbol.for('sabu')];
  vi.restoreAllMocks();
});

/** Runs the snippet, queues `calls`, then loads the script-tag entry on the fake platform. */
async function load(code: string, calls: [string, ...unknown[]][]) {
  new Function(code)();
  const stub = (window as any).sabu;
  for (const [name, ...args] of calls) stub[name](...args);
  const api = await import('../../../../packages/sdk/src/api');
  api._reset(() => fake.platform);
  // The bundle's `var sabu = ...` takes the entry's default export.
  const sabu = (await import('../../../../packages/sdk/src/browser/script')).default as Sabu;
  await sabu.flush!();
  return sabu;
}

describe('the snippet', () => {
  it('is published in the README, the docs and the examples, with the same methods', () => {
    expect(snippets.some((s) => s.file == 'README.md')).toBe(true);
    expect(methods).toContain('track');
  });

  it.each(methods)('%s() queued before sabu.min.js loads has a replay test', (m) => {
    expect(Object.keys(CASES), `add a case for ${m}() to CASES and ORDER`).toContain(m);
    expect(ORDER).toContain(m);
  });

  it('replays every queued method, in call order, through the real functions', async () => {
    const calls: [string, ...unknown[]][] = [];
    for (const m of ORDER.filter((m) => methods.includes(m))) {
      calls.push([m, ...CASES[m]!.args]);
      for (const c of BETWEEN[m] ?? []) calls.push(c as [string, ...unknown[]]);
    }
    const sabu = await load(snippets.find((s) => s.file == 'README.md')!.code, calls);
    const sent = fake.sent.flatMap((s) => s.messages);
    for (const m of ORDER.filter((m) => methods.includes(m))) CASES[m]!.check(fake, sabu, sent);
    for (const m of methods) expect(typeof sabu[m], m).toBe('function');
    expect(console.error).not.toHaveBeenCalled();
    expect(console.warn).not.toHaveBeenCalled();
  });

  it('the first automatic page view carries the user identified in the snippet', async () => {
    document.body.innerHTML = '';
    await load(snippets[0]!.code, [
      ['init', { writeKey: 'wk', endpoint: '/v1/batch' }],
      ['identify', 'u1'],
    ]);
    const sent = fake.sent.flatMap((s) => s.messages);
    expect(sent.map((m) => m.type)).toEqual(['identify', 'page']);
    expect(sent[1].userId).toBe('u1');
  });
});

describe('window.sabu (the default export, which the bundle assigns to it)', () => {
  it("is never taken from the page: an object of the page's own stays, with one message", async () => {
    const own = { mine: true };
    (window as any).sabu = own;
    const api = await import('../../../../packages/sdk/src/api');
    api._reset(() => fake.platform);
    expect((await import('../../../../packages/sdk/src/browser/script')).default).toBe(own);
    expect(console.warn).toHaveBeenCalledWith(expect.stringMatching(/^\[sabu\] window\.sabu is the page's own object/));
  });

  it('a second copy of the script leaves the first one on window.sabu', async () => {
    const first = { version: '0.0.9', track: () => {} };
    (window as any).sabu = first;
    const api = await import('../../../../packages/sdk/src/api');
    api._reset(() => fake.platform);
    expect((await import('../../../../packages/sdk/src/browser/script')).default).toBe(first);
    expect(console.warn).not.toHaveBeenCalled();
  });
});
