/**
 * Web vitals measured in the core, with no extra file. The script tag used to load
 * Google's web-vitals (5 kB brotli) on every page; loading it later, when the page is
 * first hidden, cannot work: a page being left runs no code it has not loaded yet (a
 * dynamic import started at `visibilitychange` or `pagehide` never executes), and that is
 * when CLS and INP are final. So the five metrics are computed here, the way web-vitals
 * does (its src/onLCP.ts, onCLS.ts, onINP.ts, onFCP.ts, onTTFB.ts), from buffered
 * PerformanceObservers started at init (the browser keeps the entries from before), and
 * reported when the page is first hidden, then again for CLS and INP if they grew.
 * Not covered (web-vitals is): new metrics after a back/forward-cache restore or a soft
 * navigation (CLS and INP keep growing under the page's first id instead).
 */
import { selectorOf } from './describeElement.js';
import { guard, listen } from './guard.js';

/** Good and poor limits, from web.dev (the same as web-vitals' `*Thresholds`). */
const LIMITS = { TTFB: [800, 1800], FCP: [1800, 3000], LCP: [2500, 4000], CLS: [0.1, 0.25], INP: [200, 500] } as const;
type Name = keyof typeof LIMITS;
/**
 * Event entries shorter than this are not observed: web-vitals' DEFAULT_DURATION_THRESHOLD
 * (src/onINP.ts). Durations are rounded to 8 ms; 40 ms is 2.5 frames at 60 Hz.
 */
const DURATION_THRESHOLD = 40;
/** Longest interactions kept: INP is the 98th percentile, one in 50 skipped (web-vitals' MAX_INTERACTIONS_TO_CONSIDER). */
const MAX_INTERACTIONS = 10;
/** CLS session windows: shifts less than 1 s apart, 5 s at most (https://web.dev/articles/cls). */
const SESSION_GAP_MS = 1000;
const SESSION_MAX_MS = 5000;
/** Chromium numbers interactions 7 apart: the count between two ids, as web-vitals' interactionCountPolyfill. */
const INTERACTION_ID_STEP = 7;

declare global {
  interface Performance {
    /** https://w3c.github.io/event-timing/#dom-performance-interactioncount */
    interactionCount?: number;
  }
  interface Document {
    /** https://wicg.github.io/nav-speculation/prerendering.html#dom-document-prerendering */
    prerendering?: boolean;
    /** https://wicg.github.io/page-lifecycle/#dom-document-wasdiscarded */
    wasDiscarded?: boolean;
  }
}
type Entry = PerformanceEntry & {
  /** layout-shift */
  value?: number;
  hadRecentInput?: boolean;
  sources?: { node?: Node | null }[];
  /** event, first-input */
  interactionId?: number;
  target?: Node | null;
  /** largest-contentful-paint */
  element?: Element | null;
};
/** A metric's value now and the element it is attributed to. */
type Value = { v: number; s?: string };

const describe = (n: Node | null | undefined) => (n && n.nodeType == 1 ? selectorOf(n as Element) : undefined);

/**
 * Calls `report` with the properties of a `Web Vital` event for TTFB, FCP, LCP, CLS and
 * INP when the page is hidden (each once, CLS and INP again with a `delta` if they grew).
 * Returns its cleanup.
 */
export function onVitals(report: (properties: Record<string, unknown>) => void): () => void {
  if (typeof PerformanceObserver != 'function') return () => {};
  const nav = performance.getEntriesByType('navigation')[0] as (PerformanceNavigationTiming & { activationStart?: number }) | undefined;
  // A prerendered page counts from when the user activated it.
  const start = nav?.activationStart ?? 0;
  const navigationType = document.prerendering || start > 0 ? 'prerender' : document.wasDiscarded ? 'restore' : (nav?.type ?? 'navigate').replace(/_/g, '-');
  // Paints after the page was first hidden are not what the user saw; a page loaded in a
  // background tab has no FCP or LCP (web-vitals' getVisibilityWatcher).
  let hiddenAt = document.visibilityState == 'hidden' && !document.prerendering ? 0 : Infinity;
  const page = `v1-${Date.now()}-${Math.random().toString(36).slice(2, 10)}`;
  const now: Partial<Record<Name, Value>> = {};
  const sent: Partial<Record<Name, number>> = {};
  const observers: [PerformanceObserver, (entries: Entry[]) => void][] = [];

  const observe = (type: string, fn: (entries: Entry[]) => void, opts: object = {}) => {
    try {
      if (!PerformanceObserver.supportedEntryTypes?.includes(type)) return;
      const g = guard(fn);
      // buffered: entries from before init() (FCP, LCP, shifts, the first input) arrive too.
      const po = new PerformanceObserver((list) => g(list.getEntries() as Entry[]));
      po.observe({ type, buffered: true, ...opts } as PerformanceObserverInit);
      observers.push([po, g]);
    } catch {
      /* a browser without this entry type: that metric is not measured */
    }
  };
  const paint = (e: Entry) => Math.max(e.startTime - start, 0);

  observe('paint', (es) => {
    for (const e of es) if (e.name == 'first-contentful-paint' && e.startTime < hiddenAt) now.FCP = { v: paint(e) };
  });

  // LCP ends with the user's first key or click: what the page paints after is their doing.
  let lcpOpen = true;
  observe('largest-contentful-paint', (es) => {
    for (const e of es) if (lcpOpen && e.startTime < hiddenAt) now.LCP = { v: paint(e), s: describe(e.element) };
  });
  const offInput = ['keydown', 'click'].map((t) => listen(window, t, () => lcpOpen && (takeRecords(), (lcpOpen = false))));

  // CLS: the largest session window of unexpected shifts, attributed to the first
  // element moved by the window's largest shift.
  let session = 0;
  let first = 0;
  let last = 0;
  let largest = 0;
  let source: string | undefined;
  observe('layout-shift', (es) => {
    for (const e of es) {
      if (e.hadRecentInput) continue;
      const v = e.value ?? 0;
      if (session && e.startTime - last < SESSION_GAP_MS && e.startTime - first < SESSION_MAX_MS) session += v;
      else (session = v), (first = e.startTime), (largest = 0);
      last = e.startTime;
      if (v > largest) (largest = v), (source = describe(e.sources?.find((x) => x.node?.nodeType == 1)?.node));
      if (session > (now.CLS?.v ?? 0)) now.CLS = { v: session, s: source };
    }
  });

  // INP: the longest interactions (by their longest event), the 98th percentile of all.
  const longest: { id: number; d: number; s?: string }[] = [];
  let minId = Infinity;
  let maxId = 0;
  const onEvents = (es: Entry[]) => {
    for (const e of es) {
      const id = e.interactionId;
      if (!id) continue;
      minId = Math.min(minId, id);
      maxId = Math.max(maxId, id);
      const known = longest.find((x) => x.id == id);
      if (known) {
        if (e.duration > known.d) known.d = e.duration;
      } else if (longest.length < MAX_INTERACTIONS || e.duration > longest[longest.length - 1]!.d) {
        longest.push({ id, d: e.duration, s: describe(e.target) });
      }
      longest.sort((a, b) => b.d - a.d).splice(MAX_INTERACTIONS);
    }
  };
  observe('event', onEvents, { durationThreshold: DURATION_THRESHOLD });
  // The first input is always recorded, however short: a page with only quick ones still has an INP.
  observe('first-input', onEvents);

  function takeRecords() {
    for (const [po, fn] of observers) fn(po.takeRecords() as Entry[]);
  }

  const exit = (e: Event) => {
    if (e.type == 'visibilitychange' && document.visibilityState != 'hidden') return;
    takeRecords();
    hiddenAt = Math.min(hiddenAt, performance.now());
    lcpOpen = false;
    if (nav && nav.responseStart > 0) now.TTFB = { v: Math.max(nav.responseStart - start, 0) };
    if (now.FCP && !now.CLS) now.CLS = { v: 0 };
    const count = performance.interactionCount ?? (maxId ? (maxId - minId) / INTERACTION_ID_STEP + 1 : 0);
    const inp = longest[Math.min(longest.length - 1, Math.floor(count / 50))];
    if (inp) now.INP = { v: inp.d, s: inp.s };
    for (const name of Object.keys(LIMITS) as Name[]) {
      const m = now[name];
      if (!m || m.v === sent[name]) continue;
      // CLS is a unitless score; the others are milliseconds.
      const round = (v: number) => (name == 'CLS' ? Math.round(v * 1e4) / 1e4 : Math.round(v));
      const [good, poor] = LIMITS[name];
      report({
        name,
        value: round(m.v),
        rating: m.v > poor ? 'poor' : m.v > good ? 'needs-improvement' : 'good',
        delta: round(m.v - (sent[name] ?? 0)),
        id: page + '-' + name,
        navigationType,
        ...(m.s ? { selector: m.s } : {}),
      });
      sent[name] = m.v;
    }
  };
  // Capture on window: runs before the core's own hidden/pagehide handlers, which then send these.
  const offs = [...offInput, listen(window, 'visibilitychange', exit), listen(window, 'pagehide', exit)];
  return () => {
    observers.forEach(([po]) => po.disconnect());
    offs.forEach((off) => off());
  };
}
