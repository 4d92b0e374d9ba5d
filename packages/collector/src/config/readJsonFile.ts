import { readFileSync } from 'node:fs';
import { describeJsonError } from './describeJsonError.js';

export type JsonFile = { ok: true; value: unknown } | { ok: false; problem: string };

/**
 * Reads and parses a JSON file written by a person: a UTF-8 byte-order mark (Windows
 * editors add one) is skipped, and every failure is one line, never a stack.
 */
export function readJsonFile(path: string): JsonFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return { ok: false, problem: `cannot read the file: ${(e as Error).message}` };
  }
  const body = text.charCodeAt(0) == 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (e) {
    // A RangeError here means nesting too deep for the parser: still just invalid input.
    return { ok: false, problem: `not valid JSON: ${whereBroken(body, e as Error)}` };
  }
}

/** The line and column of a syntax error; the parser's own words when locating it fails (jsonc-parser recurses, so 100,000 "[" overflow its stack). */
function whereBroken(body: string, e: Error): string {
  try {
    return (e instanceof SyntaxError && describeJsonError(body)) || e.message;
  } catch {
    return e.message;
  }
}
