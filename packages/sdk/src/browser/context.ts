import type { SabuContext } from '@sabu/schema';

const UTM = ['source', 'medium', 'name', 'term', 'content'] as const;

let cache: { href: string; ctx: SabuContext } | null = null;
let previousHref = '';
let zone: string | undefined;

/** localStorage key of the last time zone seen. */
const ZONE_KEY = 'sabu_tz';

declare global {
  /** https://tc39.es/proposal-temporal/#sec-temporal.now.timezoneid (Chromium 144+, Firefox 139+) */
  var Temporal: { Now?: { timeZoneId?: () => string } } | undefined;
}

/** `Temporal.Now.timeZoneId()`: the same answer as Intl without its start-up (~0.4 ms on a first page). */
function temporalZone(): string | undefined {
  try {
    return self.Temporal?.Now?.timeZoneId?.();
  } catch {
    return undefined; // a partial implementation
  }
}

/** Reads the zone (Intl where there is no Temporal), saves it for the next page, fills it into the cached context. */
function readZone(): void {
  try {
    zone = temporalZone() || Intl.DateTimeFormat().resolvedOptions().timeZone;
    localStorage.setItem(ZONE_KEY, zone);
  } catch {
    /* storage off: read again next page */
  }
  // A fresh object: messages already built keep the context they were built with.
  if (cache && zone) cache = { href: cache.href, ctx: { ...cache.ctx, timezone: zone } };
}

/**
 * The IANA time zone, never at the cost of start-up. Chromium's first
 * `Intl.DateTimeFormat()` of a page costs ~15 ms (ICU start-up, measured in bench/), and a
 * page's first localStorage read 1-30 ms on a first visit. `Temporal.Now.timeZoneId()`
 * gives the answer at no cost where it exists (Chromium 144+, Firefox 139+). Elsewhere the
 * zone an earlier page saved is used, and the zone is read again when the page is idle
 * (the user may have travelled) and saved; messages built before that carry no
 * `timezone` on a first visit (it is optional on the wire).
 */
function timeZone(): string | undefined {
  if (zone) return zone;
  zone = temporalZone();
  if (zone) return zone;
  try {
    zone = localStorage.getItem(ZONE_KEY) || undefined;
  } catch {
    /* storage off */
  }
  (self.requestIdleCallback || setTimeout)(readZone);
  return zone;
}

/** The UTM campaign of a query string (`utm_campaign` is Segment's `campaign.name`). */
export function campaignOf(search: string): SabuContext['campaign'] {
  const q = new URLSearchParams(search);
  const out: Record<string, string> = {};
  for (const k of UTM) {
    const v = q.get('utm_' + (k == 'name' ? 'campaign' : k));
    if (v) out[k] = v;
  }
  return Object.keys(out).length ? out : undefined;
}

/**
 * The page's context, rebuilt only when the URL changed (so a `track()` costs one
 * `location.href` read). After an SPA route change, the referrer is the previous URL.
 */
export function getContext(): SabuContext {
  const href = location.href;
  if (cache?.href == href) return cache.ctx;
  const referrer = previousHref || document.referrer;
  previousHref = href;
  const ctx: SabuContext = {
    page: { url: href, path: location.pathname, search: location.search, referrer, title: document.title },
    locale: navigator.language,
    timezone: timeZone(),
    screen: { width: screen.width, height: screen.height, density: devicePixelRatio },
    userAgent: navigator.userAgent,
    library: { name: 'sabu', version: __VERSION__ },
  };
  const campaign = campaignOf(location.search);
  if (campaign) ctx.campaign = campaign;
  cache = { href, ctx };
  return ctx;
}
