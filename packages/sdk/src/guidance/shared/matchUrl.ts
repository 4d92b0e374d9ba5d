const compiled = new Map<string, RegExp>();

/**
 * Whether a page matches a URL pattern (`*` matches any characters; docs/signals.md):
 * - a pattern starting with `http` matches the full URL, with or without its hash;
 * - any other pattern matches the path (with the query when the pattern has a `?`, with
 *   the hash when it has a `#`), or a hash router's route: `/settings` matches
 *   `/app/#/settings` and `/#!/settings` too, as hash-router apps' teams write it.
 * Hash routes are an extra target, never a replacement, so a pattern that matched the
 * path before still does.
 * @example matchUrl('/projects/*', 'https://app.example/#/projects/42') // true
 */
export function matchUrl(pattern: string, href: string): boolean {
  let re = compiled.get(pattern);
  if (!re) {
    re = new RegExp('^' + pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
    compiled.set(pattern, re);
  }
  if (/^http/.test(pattern)) return re.test(href.split('#')[0]!) || re.test(href);
  try {
    const u = new URL(href, 'http://x');
    const query = pattern.includes('?');
    const path = u.pathname + (query ? u.search : '');
    // A hash router's route (#/route?query or #!/route); its empty route is the path above.
    const route = /^#!?(\/[^?]+)(\?.*)?$/.exec(u.hash);
    return pattern.includes('#')
      ? re.test(path + u.hash)
      : re.test(path) || (!!route && re.test(route[1]! + (query ? (route[2] ?? '') : '')));
  } catch {
    return false;
  }
}
