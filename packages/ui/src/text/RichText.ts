import { h, type ComponentChildren } from 'preact';
// http(s) or relative links only: the one check the schema and the SDK use too.
import { isSafeUrl } from '@sabu/schema/url';

/** `**bold**` or `[label](url)`; anything else is text. */
const TOKEN = /\*\*(.+?)\*\*|\[([^\]]+)\]\(([^)\s]+)\)/g;

/**
 * Renders definition text as Preact nodes, never as HTML: `<script>` shows up as text.
 * Only **bold** and [links](https://…) are formatted; unsafe link targets stay plain text.
 */
export function richText(text: string): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    out.push(text.slice(last, m.index));
    if (m[1] != null) out.push(h('strong', null, m[1]));
    else if (isSafeUrl(m[3])) out.push(h('a', { href: m[3], target: '_blank', rel: 'noopener noreferrer' }, m[2]));
    else out.push(m[0]);
    last = m.index! + m[0].length;
  }
  out.push(text.slice(last));
  return out;
}
