import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH = join(dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = join(BENCH, '..');
const nm = (p) => join(BENCH, 'node_modules', p);

/** The name of the bench's write key / token / app id everywhere. */
const KEY = 'bench_key';

/**
 * Every target: what a script-tag user loads at start (`script`), what it loads on
 * demand for in-app guidance (`ui`, for the size figure only), and the inline code that
 * starts it, pointed at the bench collector with autocapture, session replay and remote
 * configuration off. `init` must set `__b.track` and call `__b.ready()` when the SDK
 * says it is ready (Sabu and the floor are ready when `init()` returns).
 *
 * @typedef {{ id: string, name: string, pkg?: string, peer: boolean, script: string,
 *   ui?: { label: string, files: string[] }, bundle?: object, setup?: string,
 *   init: (origin: string) => string, extraFiles?: (files: Map<string,string>) => void }} Target
 */

/** @type {Target[]} */
export const TARGETS = [
  {
    id: 'floor',
    name: 'floor',
    peer: false,
    script: join(BENCH, 'floor.js'),
    init: (origin) => `floor.init({ endpoint: ${JSON.stringify(origin + '/floor')} });
__b.track = floor.track; __b.ready();`,
  },
  {
    id: 'sabu',
    name: 'Sabu',
    pkg: join(ROOT, 'packages/sdk/package.json'),
    peer: false,
    script: join(ROOT, 'packages/sdk/dist/sabu.min.js'),
    ui: { label: 'sabu-ui.js (loaded on demand)', files: uiFiles() },
    // The script tag loads its optional chunks (signals, UI) from beside itself.
    extraFiles(files) {
      const dir = join(ROOT, 'packages/sdk/dist');
      for (const f of listJs(dir)) files.set('/static/sabu/' + f, join(dir, f));
    },
    // trackPages off: the peers' automatic page views are off too; web vitals off: so is
    // the peers' performance capture (PostHog capture_performance: false).
    init: (origin) => `sabu.init({ writeKey: ${JSON.stringify(KEY)}, endpoint: ${JSON.stringify(origin + '/sabu/v1/batch')}, trackPages: false, signals: { webVitals: false } });
__b.track = sabu.track; __b.flush = sabu.flush; __b.ready();`,
  },
  {
    id: 'posthog',
    name: 'PostHog',
    pkg: nm('posthog-js/package.json'),
    peer: true,
    // What the official snippet loads from PostHog's CDN.
    script: nm('posthog-js/dist/array.js'),
    ui: { label: 'surveys.js + product-tours.js', files: [nm('posthog-js/dist/surveys.js'), nm('posthog-js/dist/product-tours.js')] },
    init: (origin) => `posthog.init(${JSON.stringify('phc_' + KEY)}, {
  api_host: ${JSON.stringify(origin)},
  autocapture: false, capture_pageview: false, capture_pageleave: false, rageclick: false,
  capture_dead_clicks: false, capture_exceptions: false, capture_performance: false, capture_heatmaps: false,
  disable_session_recording: true, disable_surveys: true, disable_product_tours: true, disable_conversations: true,
  disable_web_experiments: true, advanced_disable_flags: true, advanced_disable_decide: true,
  advanced_disable_feature_flags: true, disable_external_dependency_loading: true,
  // Headless Chromium's user agent is on PostHog's bot list: without this it sends nothing.
  opt_out_useragent_filter: true,
  // Its client-side rate limiter (10/s, bursts of 100) would drop most of a burst:
  // raised so that the delivery path is what gets compared.
  rate_limiting: { events_per_second: 1e6, events_burst_limit: 1e6 },
  loaded: function () { __b.ready(); },
});
__b.track = function (e, p) { posthog.capture(e, p); };`,
  },
  {
    id: 'segment',
    name: 'Segment',
    pkg: nm('@segment/analytics-next/package.json'),
    peer: true,
    // The UMD build (global AnalyticsNext); its lazy chunks are served from the bench too.
    script: nm('@segment/analytics-next/dist/umd/index.js'),
    extraFiles(files) {
      const dir = nm('@segment/analytics-next/dist/umd');
      for (const f of listJs(dir)) files.set('/analytics-next/bundles/' + f, join(dir, f));
    },
    // cdnSettings given inline: no remote settings fetch; the Segment.io destination
    // points at the bench collector.
    init: (origin) => `var host = ${JSON.stringify(origin.replace('http://', ''))};
var ajs = AnalyticsNext.AnalyticsBrowser.load({
  writeKey: ${JSON.stringify(KEY)}, cdnURL: ${JSON.stringify(origin)},
  cdnSettings: { integrations: { 'Segment.io': { apiKey: ${JSON.stringify(KEY)}, apiHost: host + '/v1', protocol: 'http' } },
    plan: {}, metrics: { sampleRate: 0 }, remotePlugins: [], enabledMiddleware: {}, middlewareSettings: {}, edgeFunction: {} },
}, { integrations: {} });
ajs.then(function () { __b.ready(); });
__b.track = function (e, p) { ajs.track(e, p); };`,
  },
  {
    id: 'amplitude',
    name: 'Amplitude',
    pkg: nm('@amplitude/analytics-browser/package.json'),
    peer: true,
    script: nm('@amplitude/analytics-browser/lib/scripts/amplitude-min.umd.js'),
    init: (origin) => `amplitude.init(${JSON.stringify(KEY)}, {
  serverUrl: ${JSON.stringify(origin + '/2/httpapi')},
  autocapture: false, fetchRemoteConfig: false, remoteConfig: { fetchRemoteConfig: false }, enableDiagnostics: false,
}).promise.then(function () { __b.ready(); });
__b.track = function (e, p) { amplitude.track(e, p); };`,
  },
  {
    id: 'mixpanel',
    name: 'Mixpanel',
    pkg: nm('mixpanel-browser/package.json'),
    peer: true,
    // The file the official snippet loads; it expects the snippet's stub first.
    script: nm('mixpanel-browser/dist/mixpanel.min.js'),
    setup: `<script>window.mixpanel = []; window.mixpanel._i = []; window.mixpanel.__SV = 1.2;</script>`,
    ui: undefined,
    init: (origin) => `mixpanel.init(${JSON.stringify(KEY)}, {
  api_host: ${JSON.stringify(origin)}, batch_requests: true, track_pageview: false, autocapture: false,
  record_sessions_percent: 0, ignore_dnt: true,
  loaded: function () { __b.ready(); },
});
__b.track = function (e, p) { mixpanel.track(e, p); };`,
  },
  {
    id: 'snowplow',
    name: 'Snowplow',
    pkg: nm('@snowplow/browser-tracker/package.json'),
    peer: true,
    script: nm('@snowplow/browser-tracker/dist/index.umd.min.js'),
    init: (origin) => `snowplowBrowserTracking.newTracker('sp', ${JSON.stringify(origin)}, { appId: ${JSON.stringify(KEY)}, platform: 'web', eventMethod: 'post' });
__b.track = function (e, p) { snowplowBrowserTracking.trackSelfDescribingEvent({ event: { schema: 'iglu:com.sabu.bench/' + 'event/jsonschema/1-0-0', data: { name: e, props: p } } }); };
__b.ready();`,
  },
];

/**
 * Sabu as built in another folder (`--variant name=DIR`, DIR a copy of packages/sdk/dist):
 * measured as its own target beside the current build, so two builds are compared within one
 * interleaved run rather than across runs whose load differs.
 */
export function sabuVariant(name, dir) {
  const sabu = TARGETS.find((t) => t.id == 'sabu');
  const id = 'sabu-' + name;
  const script = join(dir, 'sabu.min.js');
  if (!existsSync(script)) throw new Error(`bench: --variant ${name}: no sabu.min.js in ${dir}`);
  return {
    ...sabu,
    id,
    name: 'Sabu ' + name,
    pkg: undefined,
    script,
    extraFiles(files) {
      for (const f of listJs(dir)) files.set(`/static/${id}/${f}`, join(dir, f));
    },
  };
}

/** Tour libraries: for the on-demand UI size comparison only (no telemetry). */
export const UI_PEERS = [
  { id: 'driver', name: 'driver.js', pkg: nm('driver.js/package.json'), files: [nm('driver.js/dist/driver.js.iife.js'), nm('driver.js/dist/driver.css')] },
  // shepherd.js ships ES modules only: the bench bundles it (rollup, minified) into .build.
  { id: 'shepherd', name: 'shepherd.js', pkg: nm('shepherd.js/package.json'), bundle: { input: nm('shepherd.js/dist/js/shepherd.mjs'), name: 'Shepherd' }, files: [join(BENCH, '.build/shepherd.min.js'), nm('shepherd.js/dist/css/shepherd.css')] },
];

function listJs(dir) {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.js')) : [];
}

/** Sabu's UI chunk as the script tag loads it (from beside sabu.min.js), once built. */
function uiFiles() {
  for (const f of ['packages/sdk/dist/sabu-ui.js', 'packages/ui/dist/sabu-ui.js']) if (existsSync(join(ROOT, f))) return [join(ROOT, f)];
  return [];
}

export function versionOf(t) {
  if (!t.pkg || !existsSync(t.pkg)) return null;
  return JSON.parse(readFileSync(t.pkg, 'utf8')).version;
}

/**
 * The page every measurement loads: times the script tag and the init call around the
 * target. With `inline`, the SDK's code is inlined instead of fetched, so the time between
 * the two marks is its parse, compile and run alone (no download, no parser resuming).
 */
export function pageFor(t, run, origin, { inline = false } = {}) {
  const src = `/static/${t.id}/${t.script.split('/').pop()}`;
  const tag = inline ? `<script>${readFileSync(t.script, 'utf8').replace(/<\/script/gi, '<\\/script')}</script>` : `<script src="${src}"></script>`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>bench ${t.id}</title>
<script>
window.__b = { id: ${JSON.stringify(t.id)}, run: ${JSON.stringify(run)}, t: {}, src: ${JSON.stringify(src)} };
__b.readyP = new Promise(function (r) { __b.ready = function () { if (!__b.t.ready) __b.t.ready = performance.now(); r(); }; });
// A host page: it has read its DOM before any tracker starts, as every app does. Without
// this the first element a tracker reads (the script tag of its own data- attributes)
// makes the browser build its element bindings, about 67 KB, charged to the tracker.
__b.lang = document.documentElement.getAttribute('lang');
</script>
${t.setup ?? ''}
<script>__b.t.before = performance.now();</script>
${tag}
<script>
__b.t.after = performance.now();
__b.t.initStart = performance.now();
${t.init(origin)}
__b.t.initEnd = performance.now();
</script>
</head><body><p>bench</p></body></html>`;
}

/** Path → file for everything the pages load. */
export function staticFiles(targets) {
  const files = new Map();
  for (const t of targets) {
    files.set(`/static/${t.id}/${t.script.split('/').pop()}`, t.script);
    t.extraFiles?.(files);
  }
  return files;
}
