/** Theme keys (camelCase in config) that are custom properties `--sabu-<kebab-case>`. */
export const THEME_KEYS = [
  'primary', 'onPrimary', 'background', 'text', 'muted', 'border', 'success', 'focus',
  'font', 'fontSize', 'radius', 'zIndex', 'offsetX', 'offsetY',
] as const;

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());

/**
 * Applies `config.theme` to the host as CSS custom properties (CSSOM `setProperty`,
 * which a strict CSP allows). `position: 'bottom-left'` moves widgets to the other side.
 * Unknown keys and non-string values are ignored.
 */
export function applyTheme(host: HTMLElement, theme: Record<string, unknown> = {}): void {
  for (const k of THEME_KEYS) {
    const v = theme[k];
    if (typeof v == 'string' || typeof v == 'number') host.style.setProperty('--sabu-' + kebab(k), String(v));
    else host.style.removeProperty('--sabu-' + kebab(k));
  }
  if (theme.position == 'bottom-left') host.dataset.position = 'bottom-left';
  else delete host.dataset.position;
}
