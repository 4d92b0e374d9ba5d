/**
 * Links in definitions (a checklist action's `url`, `[label](url)` in text) may only be
 * http(s) or relative. Checked the way the browser reads the link: the WHATWG URL parser
 * strips leading C0 controls and spaces and removes tabs and newlines anywhere, so
 * `java\tscript:`, `java\nscript:` and `\u0001javascript:` all are `javascript:`, which a
 * test on the first characters lets through (issue 12). One implementation, used by the
 * zod schema (`sabu validate`, the collector), the SDK's checks in the browser, and the
 * widgets; zod-free, so the browser imports it alone.
 */

/**
 * True when `value` is a non-blank string that, resolved as a link on an http or an https
 * page, is http: or https: on both (`https:` alone resolves on an https page only).
 */
export function isSafeUrl(value: unknown): value is string {
  try {
    return typeof value == 'string' && /\S/.test(value) && ['http', 'https'].every((s) => /^https?:$/.test(new URL(value, s + '://base.invalid/').protocol));
  } catch {
    return false; // not a URL the browser could follow either
  }
}
