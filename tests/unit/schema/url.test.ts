// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSafeUrl } from '../../../packages/schema/src/url';
import { validateDefinition } from '../../../packages/schema/src/index';
import { validateChecklist } from '../../../packages/sdk/src/guidance/checklist/validateChecklist';

/** What a browser does with the link: resolves it against the page (any http(s) page). */
const protocolOf = (s: string, base: string) => new URL(s, base).protocol;
const BASES = ['https://app.example/path/page?x=1#h', 'http://127.0.0.1:8080/'];

const UNSAFE = [
  'javascript:alert(1)',
  'JAVASCRIPT:alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  'java\rscript:alert(1)',
  'j\ta\nv\ra\tscript:alert(1)',
  '\u0001javascript:alert(1)',
  '\u0000javascript:alert(1)',
  ' \u001fjavascript:alert(1)',
  'javascript\t:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  'blob:https://x/1',
  '',
  '   ',
  'http://[',
];
const SAFE = ['https://example.com/docs', 'http://localhost:3000', '/settings', 'settings?tab=1', '?q=1', '#top', '//cdn.example/x', './a', '../b', 'jav&#x09;ascript:alert(1)'];

describe('isSafeUrl', () => {
  it.each(UNSAFE)('refuses %j', (url) => expect(isSafeUrl(url)).toBe(false));
  it.each(SAFE)('accepts %j', (url) => expect(isSafeUrl(url)).toBe(true));
  it('refuses what is not a string', () => {
    for (const v of [null, undefined, 5, {}, ['https://x']]) expect(isSafeUrl(v)).toBe(false);
  });

  it('property: any string it accepts resolves to http: or https: on any http(s) page', () => {
    // Strings built from the pieces that fool prefix checks: controls, whitespace, schemes, slashes.
    const piece = fc.constantFrom('java', 'script', ':', 'javascript:', 'data:', 'http', 'https:', '//', '/', '\\', '\t', '\n', '\r', '\u0000', '\u0001', '\u001f', ' ', '\u00a0', 'a', '%0a', '&#x09;', '?', '#', '.');
    const odd = fc.oneof(fc.string({ unit: 'binary' }), fc.array(piece, { maxLength: 12 }).map((p) => p.join('')));
    fc.assert(
      fc.property(odd, (s) => {
        if (!isSafeUrl(s)) return;
        for (const base of BASES) expect(protocolOf(s, base)).toMatch(/^https?:$/);
      }),
      { numRuns: 3000, seed: 12 },
    );
  });

  it('property: javascript: with tabs, newlines and C0 controls inserted anywhere is never accepted', () => {
    const noise = fc.constantFrom('\t', '\n', '\r');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(11), noise), { maxLength: 6 }), fc.stringMatching(/^[\u0000-\u0020]{0,3}$/), (inserts, lead) => {
        const chars = [...'javascript:'];
        for (const [i, c] of inserts) chars.splice(Math.min(i, chars.length - 1), 0, c);
        const url = lead + chars.join('') + 'alert(1)';
        expect(isSafeUrl(url)).toBe(false);
      }),
      { numRuns: 1000, seed: 7 },
    );
  });
});

describe('checklist links', () => {
  const withUrl = (url: string) => ({ id: 'c', title: 'C', items: [{ id: 'a', title: 'A', completeWhen: { event: 'X' }, action: { url } }] });

  it.each(UNSAFE.filter((u) => u.trim()))('sabu validate and the SDK both refuse %j at items[0].action.url', (url) => {
    const zod = validateDefinition('checklist', withUrl(url));
    expect(zod.ok).toBe(false);
    expect(zod.errors).toEqual([{ path: 'items[0].action.url', message: 'expected an http(s) or relative URL' }]);
    expect(validateChecklist(withUrl(url))).toEqual([['items[0].action.url', 'expected an http(s) or relative URL']]);
  });

  it('a JSON file with an escaped tab in the scheme is refused too (as `sabu validate` reads it)', () => {
    const text = JSON.stringify(withUrl('java\tscript:alert(document.cookie)'));
    expect(text).toContain('java\\tscript');
    expect(validateDefinition('checklist', text).ok).toBe(false);
  });
});
