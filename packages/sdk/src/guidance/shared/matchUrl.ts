const compiled = new Map<string, RegExp>();

/**
 * Whether a page matches a URL pattern: the path (with the query when the pattern has a
 * `?`), or the full URL when the pattern starts with `http`; `*` matches any characters.
 * The same convention as flows (docs/signals.md).
 * @example matchUrl('/projects/*', 'https://app.example/projects/42') // true
 */
export function matchUrl(pattern: string, href: string): boolean {
  let re = compiled.get(pattern);
  if (!re) {
    re = new RegExp('^' + pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
    compiled.set(pattern, re);
  }
  let target = href;
  if (!/^http/.test(pattern)) {
    try {
      const u = new URL(href, 'http://x');
      target = u.pathname + (pattern.includes('?') ? u.search : '');
    } catch {
      return false;
    }
  }
  return re.test(target);
}
