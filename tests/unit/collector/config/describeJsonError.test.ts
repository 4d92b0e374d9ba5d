// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { describeJsonError } from '../../../../packages/collector/src/config/describeJsonError.js';

const where = (text: string) => describeJsonError(text)?.split('\n')[0];

describe('describeJsonError', () => {
  it('is null for valid JSON', () => {
    expect(describeJsonError('{"a": [1, 2]}')).toBeNull();
  });

  it('names line and column (1-based) of the first problem, in words', () => {
    expect(where('{\n  "a": 1,\n}')).toBe('line 3, column 1: expected a double-quoted property name (a trailing comma?)');
    expect(where('{"a" 1}')).toBe("line 1, column 6: expected ':' after the property name");
    expect(where('[1, 2')).toBe("line 1, column 6: expected ']' (the array is not closed)");
    expect(where('')).toMatch(/^line 1, column 1: expected a value/);
    expect(where('{"a": 1} x')).toBe('line 1, column 10: unexpected character');
    expect(where('// note\n{}')).toBe('line 1, column 1: comments are not allowed in JSON');
    expect(where('{"a": "x\ny"}')).toBe('line 1, column 7: unterminated string');
    expect(where('\r\n\r\n  {"a": tru}')).toMatch(/^line 3, column 9: /);
  });

  it('gives up (null) instead of throwing on nesting too deep to walk', () => {
    expect(describeJsonError('['.repeat(200_000))).toBeNull();
  });

  it('shows at most 80 characters of a long line, with the caret under the spot', () => {
    const text = '{' + '"k":1,'.repeat(100) + '"x" 2}';
    const [, src, caret] = describeJsonError(text)!.split('\n');
    expect(src!.length).toBeLessThan(100);
    expect(src![caret!.indexOf('^')]).toBe('2');
  });
});
