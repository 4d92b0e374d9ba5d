const adopted = new WeakMap<ShadowRoot, Set<string>>();

/**
 * Adds a widget's CSS to the shared shadow root, once per name.
 *
 * Constructable stylesheets (`new CSSStyleSheet()` + `adoptedStyleSheets`) are CSSOM, not
 * inline `<style>`, so a strict `style-src 'self'` (no `unsafe-inline`) allows them
 * (https://www.w3.org/TR/CSP3/#directive-style-src governs style elements and attributes
 * only). Browsers without them (Safari < 16.4) get a `<style>` element, which works
 * wherever the page allows inline styles.
 */
export function adoptStyles(shadow: ShadowRoot, name: string, css: string): void {
  const names = adopted.get(shadow) ?? new Set();
  adopted.set(shadow, names);
  if (names.has(name)) return;
  names.add(name);
  if (typeof CSSStyleSheet == 'function' && 'replaceSync' in CSSStyleSheet.prototype && 'adoptedStyleSheets' in shadow) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
  } else {
    const style = document.createElement('style');
    style.textContent = css;
    shadow.prepend(style);
  }
}
