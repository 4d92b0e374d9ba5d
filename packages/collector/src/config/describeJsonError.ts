import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';

/** jsonc-parser's codes in words, for the ones a person makes by hand. */
const WORDS: Record<string, string> = {
  PropertyNameExpected: 'expected a double-quoted property name (a trailing comma?)',
  ValueExpected: 'expected a value (a trailing comma, or a missing value?)',
  ColonExpected: "expected ':' after the property name",
  CommaExpected: "expected ',' between entries",
  CloseBraceExpected: "expected '}' (the object is not closed)",
  CloseBracketExpected: "expected ']' (the array is not closed)",
  EndOfFileExpected: 'expected the end of the file after the value',
  InvalidSymbol: 'unexpected character',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfString: 'unterminated string',
  InvalidEscapeCharacter: 'invalid escape in a string',
  InvalidCharacter: 'invalid character in a string (a raw line break or tab?)',
};

/**
 * Where a JSON text is broken, as a person reads it: `line 3, column 3: expected a double-
 * quoted property name (a trailing comma?)` and the line with a caret. Node's own message
 * gives a character offset at best (Node 20), and sometimes no position at all.
 * Returns null when the text parses, or when it cannot be located (nesting too deep).
 */
export function describeJsonError(text: string): string | null {
  const errors: ParseError[] = [];
  try {
    parse(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
  } catch {
    // jsonc-parser recurses: very deep nesting overflows its stack. No location then.
    return null;
  }
  const first = errors[0];
  if (!first) return null;
  const code = printParseErrorCode(first.error);
  const before = text.slice(0, first.offset);
  const line = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  const column = first.offset - lineStart + 1;
  const lineText = text.slice(lineStart).split('\n')[0]!.replace(/\r$/, '');
  // Long minified lines: show 60 characters around the spot, not the whole line.
  const from = Math.max(0, column - 40);
  const shown = lineText.slice(from, from + 80).replace(/\t/g, ' ');
  const gutter = String(line);
  return `line ${line}, column ${column}: ${WORDS[code] ?? code}\n    ${gutter} | ${shown}\n    ${' '.repeat(gutter.length)} | ${' '.repeat(column - 1 - from)}^`;
}
