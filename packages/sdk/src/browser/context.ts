import type { SabuContext } from '@sabu/schema';

const UTM = ['source', 'medium', 'name', 'term', 'content'] as const;

let cache: { href: string; ctx: SabuContext } | null = null;
let previousHref = '';
let zone: string | undefined;

/** localStorage key of the last time zone seen. */
const ZONE_KEY = 'sabu_tz';

/**
 * The IANA time zone. Chromium's first `Intl.DateTimeFormat()` of a page costs ~15 ms
 * (ICU start-up, measured in bench/), more than all of Sabu's start-up: it is read from
 * localStorage, and refreshed when the page is idle (the user may have travelled).
 */
function timeZone(): string | undefined {
  const read = () => {
    const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    try {
      localStorage.setItem(ZONE_KEY, tz);
    } catch {
      /* storage off: computed again next page */
    }
    return (zone = tz);
  };
  if (zone) return zone;
  try {
    zone = localStorage.getItem(ZONE_KEY) || undefined;
  } catch {
    /* storage off */
  }
  if (!zone) return read();
  (self.requestIdleCallback || setTimeout)(read);
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
