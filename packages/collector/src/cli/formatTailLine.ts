import type { RecentEvent } from '../store/recentTypes.js';

/** Properties are cut here: one event, one terminal line. */
const MAX_PROPS = 120;

/**
 * One event as `sabu tail` prints it: received time (local), event, person, page, properties.
 * `12:03:04.511  Report Created      user-42        /app/reports  {"rows":120}`
 */
export function formatTailLine(e: RecentEvent): string {
  const d = new Date(e.receivedAt);
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
  const name = e.type == 'track' ? (e.event ?? '') : `(${e.type}${e.event ? ` ${e.event}` : ''})`;
  const person = e.userId ?? `anon:${(e.anonymousId ?? '').slice(0, 8)}`;
  let props = e.properties && Object.keys(e.properties).length ? JSON.stringify(e.properties) : '';
  if (props.length > MAX_PROPS) props = props.slice(0, MAX_PROPS - 1) + '…';
  return [time, clean(name).padEnd(22), clean(person).padEnd(16), clean(e.page ?? '-').padEnd(16), clean(props)].join('  ').trimEnd();
}

const pad = (n: number) => String(n).padStart(2, '0');
/** Events come from browsers: no control characters (terminal escapes, line breaks) reach the terminal. */
const clean = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');
