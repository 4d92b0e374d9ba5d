import { describe, expect, it } from 'vitest';
import { stash, unstash } from '../../../../packages/sdk/src/core/stash';
import { stringify } from '../../../../packages/sdk/src/core/stringify';

// Texts as the client makes them: tabs, line breaks, emoji, a lone surrogate (half an emoji cut by slice()).
const texts = ['plain', 'tab\there', 'line\nbreak\r\n', 'emoji 👋🏽 日本語', '\ud83d cut', 'back\\slash "quoted"', ''].map((v) => stringify({ type: 'track', event: 'E', properties: { v } }, () => {}));
const recs = texts.map((s, i) => ({ k: '00lqz3k0a00000' + i + 'ab12cd', s }));

describe('stash', () => {
  it('gives back the same records, in order, from a Blob', async () => {
    expect(await unstash(stash(recs))).toEqual(recs);
  });
});
