// @vitest-environment node
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { INPUTS, sourceHash } from '../../../examples/next/sourceHash.mjs';

/** A repository laid out like this one, with one small file in (or as) each input. */
let root: string;
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'sabu-next-hash-'));
  for (const input of INPUTS) write(/\.(m?js|json)$/.test(input) ? input : join(input, 'a.js'), input);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

it('is the same for the same files, and changes with any file of the app or of a built package', () => {
  let last = sourceHash(root);
  expect(sourceHash(root)).toBe(last);
  for (const changed of ['examples/next/app/a.js', 'packages/react/dist/a.js', 'node_modules/next/package.json', 'packages/sdk/dist/nested/new-chunk.js']) {
    write(changed, 'edited');
    const now = sourceHash(root);
    expect(now, changed).not.toBe(last);
    last = now;
  }
});

it('tells to build first when a package has not been built', () => {
  rmSync(join(root, 'packages/sdk/dist'), { recursive: true });
  expect(() => sourceHash(root)).toThrow('packages/sdk/dist is missing: run "npm run build" first');
});
