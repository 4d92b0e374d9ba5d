// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { pickEncoding } from '../../../../packages/collector/src/server/registerSdk.js';

describe('pickEncoding', () => {
  it.each([
    [undefined, null],
    ['', null],
    ['identity', null],
    ['gzip, deflate, br', 'br'],
    ['GZIP', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0, gzip;q=0', null],
    ['br; q=0.5, gzip', 'br'],
    ['*', 'br'],
    ['*, br;q=0', 'gzip'],
    ['deflate', null],
  ])('%s → %s', (header, expected) => {
    expect(pickEncoding(header)).toBe(expected);
  });
});
