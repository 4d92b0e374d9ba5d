/** The first `max` UTF-16 units of `s`, one fewer when the cut would split a surrogate pair (see stringify.ts). */
export function cut(s: string, max: number): string {
  const c = s.charCodeAt(max - 1);
  return s.length <= max ? s : s.slice(0, c >= 0xd800 && c < 0xdc00 ? max - 1 : max);
}

/** Length of `s` in UTF-8 bytes, as it goes on the wire (a lone surrogate as the 3 bytes of U+FFFD). */
export const utf8Bytes = (s: string): number => new Blob([s]).size;
