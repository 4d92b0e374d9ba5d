// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { describeError, redact } from '../../../../packages/collector/src/server/describeError.js';

describe('redact', () => {
  it('cuts DuckDB’s echoed input and the SQL lines after it', () => {
    const duck = 'Conversion Error: Malformed JSON at byte 42 of input: no low surrogate in string.  Input: "{\\"comment\\":\\"secret\\"}" when casting from source column properties\n\nLINE 5: properties::JSON';
    expect(redact(duck)).toBe('Conversion Error: Malformed JSON at byte 42 of input: no low surrogate in string.  Input: …');
  });
  it('cuts everything between the first and the last quote, whatever quotes sit inside', () => {
    expect(redact(`cannot store {"a":"it's secret"} here`)).toBe('cannot store {…} here');
    expect(redact("reading 'secret'")).toBe('reading …');
  });
  it('keeps a message without quotes, up to 200 characters', () => {
    expect(redact('bigint out of int64 range')).toBe('bigint out of int64 range');
    expect(redact('x'.repeat(300))).toBe(`${'x'.repeat(200)}…`);
  });
});

describe('describeError', () => {
  it('gives type, redacted message and stack frames without the message line', () => {
    const e = new TypeError('bad "secret"');
    const d = describeError(e);
    expect(d).toMatchObject({ type: 'TypeError', message: 'bad …' });
    expect(d.stack).toMatch(/^\s+at /);
    expect(d.stack).not.toContain('secret');
  });
  it('describes a thrown non-Error without printing it', () => {
    expect(describeError({ properties: 'secret' })).toEqual({ type: 'object', message: '(not an Error)' });
  });
});
