import { describe, expect, it } from 'vitest';
import { cut, utf8Bytes } from '../../../../packages/sdk/src/core/text';

describe('cut', () => {
  it('cuts at max units, one fewer when that would split a surrogate pair', () => {
    expect(cut('abc', 5)).toBe('abc');
    expect(cut('abcdef', 3)).toBe('abc');
    expect(cut('ab😀cd', 3)).toBe('ab');
    expect(cut('ab😀cd', 4)).toBe('ab😀');
    expect(cut('a'.repeat(99) + '😀', 100)).toBe('a'.repeat(99));
    expect(cut('😀😀', 1)).toBe('');
  });
});

describe('utf8Bytes', () => {
  it('counts bytes as they go on the wire', () => {
    expect(utf8Bytes('abc')).toBe(3);
    expect(utf8Bytes('あ')).toBe(3);
    expect(utf8Bytes('😀')).toBe(4);
    expect(utf8Bytes('é')).toBe(2);
  });
});
