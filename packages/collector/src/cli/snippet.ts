/**
 * The inline loader: defines `sabu.track(...)` and the other calls at once, queueing them
 * with their time until sabu.min.js arrives and replays them in order. The same text as in
 * README.md, docs/sdk.md and examples/basic (a test keeps the call list in step with the SDK).
 */
export const LOADER =
  '!function(w,n){var s=w[n]=w[n]||{q:[]};if(s.q)["init","identify","group","track","page","reset","flush","optOut","optIn","consent","feature","checklist","survey","playbook","tour"].forEach(function(m){s[m]=s[m]||function(){s.q.push([m,[].slice.call(arguments),Date.now()])}})}(window,"sabu");';

export interface SnippetOptions {
  /** The collector's base URL as pages reach it, e.g. `http://127.0.0.1:4318`. */
  collectorUrl: string;
  /** One of the project's write keys (public: it only allows sending events). */
  writeKey: string;
}

/** The two tags to paste into a page's `<head>`: the loader, then the SDK from the collector. */
export function formatSnippet(o: SnippetOptions): string {
  const base = o.collectorUrl.replace(/\/+$/, '');
  return `<script>\n  ${LOADER}\n</script>\n<script async src="${attr(`${base}/sdk/sabu.min.js`)}" data-write-key="${attr(o.writeKey)}" data-endpoint="${attr(`${base}/v1/batch`)}"></script>\n`;
}

/** The config decides keys and hosts, but an attribute must not be broken by one. */
const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** A URL pages can use: a wildcard listen address (0.0.0.0, ::) is not one. */
export function publicUrl(url: string): { url: string; note?: string } {
  const u = new URL(url);
  if (u.hostname == '0.0.0.0' || u.hostname == '[::]') {
    u.hostname = '127.0.0.1';
    return { url: u.origin, note: `listening on all addresses: replace 127.0.0.1 with this machine's name as your users' browsers reach it` };
  }
  return { url: u.origin };
}

/** What `sabu start` and `sabu init` print: the snippet and where to look next. */
export function formatGettingStarted(o: { collectorUrl: string; writeKey: string; readKey?: string; projectId: string; origins?: readonly string[] }): string {
  const { url, note } = publicUrl(o.collectorUrl);
  // The dashboard's live view (#/live); with the read key when the caller may show it.
  const dashboard = `${url}/dashboard/${o.readKey ? `?key=${encodeURIComponent(o.readKey)}` : ''}#/live`;
  return [
    `Add Sabu to your app: paste into your page's <head> (project "${o.projectId}"):`,
    '',
    formatSnippet({ collectorUrl: url, writeKey: o.writeKey }),
    ...(note ? [`  (${note})`, ''] : []),
    // The commonest reason a pasted snippet sends nothing: the page's origin is not allowed.
    ...(o.origins === undefined
      ? []
      : o.origins.length
        ? [`Pages allowed to send: ${o.origins.join(', ')}`]
        : [`No page may send yet: add your app's origin (e.g. http://localhost:3000) to the project's "origins" and restart.`]),
    `Live events: ${dashboard}${o.readKey ? '' : '  (read key: in the config\'s readKeys)'}`,
    `In the terminal: npx sabu tail`,
    '',
  ].join('\n');
}
