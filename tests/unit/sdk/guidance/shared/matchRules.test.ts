import { describe, expect, it } from 'vitest';
import type { Condition } from '../../../../../packages/schema/src/index';
import { holds, leafMatches, leavesOf, matchPage, matchUser, matchValue, timeOf, type Observation } from '../../../../../packages/sdk/src/guidance/shared/matchRules';
import { matchUrl } from '../../../../../packages/sdk/src/guidance/shared/matchUrl';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 24);
const event = (name: string, properties: Record<string, unknown> = {}): Observation => ({ type: 'event', name, properties });

/** Feeds observations to a rule the way the checklist does: leaves latch once met. */
function run(rule: Condition, observations: Observation[]): boolean[] {
  const met = new Set<string>();
  return observations.map((o) => {
    for (const [key, leaf] of leavesOf(rule)) if (leafMatches(leaf, o)) met.add(key);
    return holds(rule, met);
  });
}

describe('condition rules', () => {
  it('matches an event by name and, when given, by properties (arrays mean any of)', () => {
    const rule = { event: 'Teammate Invited', properties: { role: ['editor', 'admin'] } };
    expect(run(rule, [event('Teammate Invited', { role: 'viewer' }), event('Teammate invited', { role: 'admin' }), event('Teammate Invited', { role: 'admin' })])).toEqual([false, false, true]);
    expect(run({ event: 'X' }, [event('X', { any: 1 })])).toEqual([true]);
    expect(run({ event: 'X', properties: { n: 0 } }, [event('X', {}), event('X', { n: '0' }), event('X', { n: 0 })])).toEqual([false, false, true]);
  });

  it('all: every part, in any order and at different times; any: one part', () => {
    const all = { all: [{ event: 'A' }, { url: '/settings' }] };
    expect(run(all, [event('A'), event('B'), { type: 'page', url: 'https://app.example/settings?x=1' }])).toEqual([false, false, true]);
    expect(run({ any: [{ event: 'A' }, { event: 'B' }] }, [event('C'), event('B')])).toEqual([false, true]);
    const nested = { any: [{ all: [{ event: 'A' }, { event: 'B' }] }, { event: 'C' }] };
    expect(run(nested, [event('A'), event('B')])).toEqual([false, true]);
    expect(leavesOf(nested).map(([k]) => k)).toEqual(['0.0', '0.1', '1']);
  });

  it('matches clicks inside the selected element, and never throws on a bad selector', () => {
    document.body.innerHTML = '<button id="connect"><span>Connect</span></button><p>other</p>';
    const span = document.querySelector('span')!;
    expect(leafMatches({ click: '#connect' }, { type: 'click', target: span })).toBe(true);
    expect(leafMatches({ click: '#connect' }, { type: 'click', target: document.querySelector('p')! })).toBe(false);
    expect(leafMatches({ click: '##bad' }, { type: 'click', target: span })).toBe(false);
  });

  it('matches clicks inside web components: the control, and the components around it', () => {
    document.body.innerHTML = '<acme-app></acme-app>';
    const app = document.querySelector('acme-app')!;
    app.attachShadow({ mode: 'open' }).innerHTML = '<acme-toolbar></acme-toolbar>';
    const toolbar = app.shadowRoot!.querySelector('acme-toolbar')!;
    toolbar.attachShadow({ mode: 'open' }).innerHTML = '<button id="connect"><span>Connect</span></button>';
    const span = toolbar.shadowRoot!.querySelector('span')!;
    expect(leafMatches({ click: '#connect' }, { type: 'click', target: span })).toBe(true);
    expect(leafMatches({ click: 'acme-toolbar' }, { type: 'click', target: span })).toBe(true);
    expect(leafMatches({ click: 'acme-app' }, { type: 'click', target: span })).toBe(true);
    expect(leafMatches({ click: '#create' }, { type: 'click', target: span })).toBe(false);
  });

  it('matches traits: set (not empty, null or false), or equal to a value', () => {
    const t = (traits: Record<string, unknown>): Observation => ({ type: 'traits', traits });
    expect([t({}), t({ connected: false }), t({ connected: '' }), t({ connected: 'yes' })].map((o) => leafMatches({ trait: 'connected' }, o))).toEqual([false, false, false, true]);
    expect(leafMatches({ trait: 'plan', equals: ['pro', 'team'] }, t({ plan: 'team' }))).toBe(true);
    expect(leafMatches({ trait: 'plan', equals: 'pro' }, t({ plan: 'free' }))).toBe(false);
  });

  it('matches visible elements by their selector', () => {
    expect(leafMatches({ visible: '#report' }, { type: 'visible', selector: '#report' })).toBe(true);
    expect(leafMatches({ visible: '#report' }, { type: 'visible', selector: '#other' })).toBe(false);
  });
});

describe('URL patterns', () => {
  it.each([
    ['/settings', 'https://a.example/settings', true],
    ['/settings', 'https://a.example/settings/team', false],
    ['/settings*', 'https://a.example/settings/team', true],
    ['/projects/*/edit', 'https://a.example/projects/42/edit', true],
    ['/search?q=*', 'https://a.example/search?q=x', true],
    ['/search', 'https://a.example/search?q=x', true],
    ['https://a.example/*', 'https://a.example/x', true],
    ['https://a.example/*', 'https://b.example/x', false],
    ['/a.b', 'https://a.example/aXb', false],
    ['*', 'https://a.example/anything', true],
    // Hash routers: the route after #/ or #!/ is matched as well as the path.
    ['/settings', 'https://a.example/app/#/settings', true],
    ['/settings', 'https://a.example/#!/settings', true],
    ['/projects/*/edit', 'https://a.example/#/projects/42/edit?tab=1', true],
    ['/search?q=*', 'https://a.example/#/search?q=x', true],
    ['/search?q=*', 'https://a.example/#/search', false],
    ['/app/*', 'https://a.example/app/#/settings', true],
    ['/app/', 'https://a.example/app/#/', true],
    ['/settings', 'https://a.example/app/#/settings/team', false],
    ['/settings', 'https://a.example/docs#settings', false], // an anchor, not a route
    ['/docs#install', 'https://a.example/docs#install', true],
    ['/docs#install', 'https://a.example/docs', false],
    ['http*#/settings', 'https://a.example/#/settings', true],
    ['https://a.example/x', 'https://a.example/x#top', true],
  ])('%s against %s → %s', (pattern, url, expected) => expect(matchUrl(pattern, url)).toBe(expected));
});

describe('audience', () => {
  it('matches traits, an array meaning any of', () => {
    expect(matchUser({ traits: { plan: ['trial', 'free'], role: 'admin' } }, { plan: 'trial', role: 'admin' }, NOW)).toBe(true);
    expect(matchUser({ traits: { plan: ['trial', 'free'] } }, { plan: 'pro' }, NOW)).toBe(false);
    expect(matchUser(undefined, {}, NOW)).toBe(true);
  });

  it('signed up within N days: at the boundary, just past it, and without created_at', () => {
    const a = { signedUpWithinDays: 14 };
    expect(matchUser(a, { created_at: new Date(NOW - 14 * DAY).toISOString() }, NOW)).toBe(true);
    expect(matchUser(a, { created_at: new Date(NOW - 14 * DAY - 1).toISOString() }, NOW)).toBe(false);
    expect(matchUser(a, { created_at: (NOW - DAY) / 1000 }, NOW)).toBe(true); // epoch seconds
    expect(matchUser(a, { createdAt: NOW - DAY }, NOW)).toBe(true); // epoch ms
    expect(matchUser(a, {}, NOW)).toBe(false);
    expect(matchUser(a, { created_at: 'yesterday-ish' }, NOW)).toBe(false);
  });

  it('pages: included by urls, then excluded by excludeUrls', () => {
    const a = { urls: ['/app/*'], excludeUrls: ['/app/billing*'] };
    expect(matchPage(a, 'https://x.example/app/home')).toBe(true);
    expect(matchPage(a, 'https://x.example/app/billing/plans')).toBe(false);
    expect(matchPage(a, 'https://x.example/')).toBe(false);
    expect(matchPage(undefined, 'https://x.example/')).toBe(true);
  });

  it('reads times as ISO strings, epoch seconds or milliseconds', () => {
    expect(timeOf('2026-11-24T00:00:00Z')).toBe(NOW);
    expect(timeOf(NOW / 1000)).toBe(NOW);
    expect(timeOf(String(NOW / 1000))).toBe(NOW);
    expect(timeOf(undefined)).toBeNaN();
    expect(matchValue(null, null)).toBe(true);
  });
});
