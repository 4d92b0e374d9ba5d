/**
 * An error as the log may show it: its type, a message with anything quoted cut out, and
 * the stack frames. Database errors quote the rows they choked on (DuckDB: `Malformed
 * JSON … Input: "{\"comment\":\"…\"}"`), and a log must never carry event content such as
 * properties, traits or survey comments (issue 11). Ids and sizes are logged beside it.
 */
export interface LoggableError {
  type: string;
  message: string;
  code?: string;
  stack?: string;
}

/** Longest message kept: enough for the error's kind and where it happened. */
const MAX_MESSAGE = 200;

export function describeError(e: unknown): LoggableError {
  if (!(e instanceof Error)) return { type: typeof e, message: '(not an Error)' };
  const code = (e as { code?: unknown }).code;
  const frames = e.stack?.split('\n').filter((l) => /^\s+at /.test(l)).join('\n');
  return {
    type: e.name,
    message: redact(e.message),
    ...(typeof code == 'string' ? { code: redact(code) } : {}),
    ...(frames ? { stack: frames } : {}),
  };
}

/**
 * Keeps the first line, up to where input is echoed: `Input:`, or the first quote
 * (everything from the first to the last quote goes, whatever quotes the content holds).
 */
export function redact(message: string): string {
  let m = message.split('\n', 1)[0]!;
  const input = m.indexOf('Input:');
  if (input >= 0) m = `${m.slice(0, input)}Input: …`;
  const first = m.search(/["'`]/);
  if (first >= 0) {
    const last = Math.max(m.lastIndexOf('"'), m.lastIndexOf("'"), m.lastIndexOf('`'));
    m = `${m.slice(0, first)}…${m.slice(last + 1)}`;
  }
  return m.length > MAX_MESSAGE ? `${m.slice(0, MAX_MESSAGE)}…` : m;
}
