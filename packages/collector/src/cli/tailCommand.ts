import type { RecentEvent, RecentEvents } from '../store/recentTypes.js';
import type { CliContext } from './CliContext.js';
import { UsageError } from './UsageError.js';
import { collectorUrlOf } from './databaseInUse.js';
import { formatTailLine } from './formatTailLine.js';

type Values = { event?: string; person?: string; url?: string; key?: string; limit?: string; project?: string; config?: string; format?: string };

/** How often the collector is asked for new events: the live view's promise is within 2 s. */
export const TAIL_POLL_MS = 1000;

/**
 * `sabu tail [--event name] [--person id]`: prints events as the collector receives them,
 * one line each (time, event, person, page, properties), by polling the running collector's
 * `GET /v1/events/recent` with the config's read key (or `--url --key`). Asking the server,
 * not the file: the running collector holds the database, and a reader holding it would
 * keep the collector from starting. Ends cleanly on Ctrl-C.
 */
export async function tailCommand(ctx: CliContext<Values>): Promise<number> {
  const v = ctx.values;
  let url: string;
  let key: string;
  if (v.url) {
    if (!v.key) throw new UsageError('--url needs --key <readKey>');
    url = v.url.replace(/\/+$/, '');
    key = v.key;
  } else {
    const c = ctx.config();
    url = collectorUrlOf(c);
    key = v.key ?? ctx.projectOf(c).readKeys[0]!;
  }
  const format = v.format ?? 'text';
  if (format != 'text' && format != 'json') throw new UsageError('--format must be text or json (one JSON object per line)');
  const print = (e: RecentEvent) => (format == 'json' ? JSON.stringify(e) : formatTailLine(e));
  const backlog = v.limit === undefined ? 20 : Number(v.limit);
  if (!Number.isInteger(backlog) || backlog < 0 || backlog > 500) throw new UsageError('--limit must be a whole number from 0 to 500 (events shown first)');

  const signal = ctx.io.signal ?? interrupted();
  const filters = { ...(v.event ? { event: v.event } : {}), ...(v.person ? { person: v.person } : {}) };
  const wanted = [v.event && `event "${v.event}"`, v.person && `person "${v.person}"`].filter(Boolean).join(', ');
  ctx.io.err(`Following ${url}${wanted ? ` (${wanted})` : ''}; Ctrl-C to stop.\n`);
  let cursor: string | undefined;
  let down = false;
  while (!signal.aborted) {
    try {
      // The first answer is the backlog (newest `backlog` events); then everything after the cursor.
      const params = new URLSearchParams({ ...filters, limit: String(cursor === undefined ? Math.max(backlog, 1) : 500), ...(cursor ? { after: cursor } : {}) });
      const res = await fetch(`${url}/v1/events/recent?${params}`, { headers: { authorization: `Bearer ${key}` }, signal });
      const body = (await res.json()) as RecentEvents & { message?: string };
      if (res.status == 401 || res.status == 400) throw new UsageError(`${res.status} from ${url}: ${body.message ?? 'refused'}`);
      if (!res.ok) throw new Error(`${res.status} ${body.message ?? ''}`);
      if (down) ctx.io.err(`(${url} answers again)\n`);
      down = false;
      const events: RecentEvent[] = cursor === undefined && backlog == 0 ? [] : body.events;
      for (const e of events) ctx.io.out(print(e) + '\n');
      cursor = body.cursor;
      // A full page means more are waiting: ask again at once.
      if (events.length == 500) continue;
    } catch (e) {
      if (signal.aborted) break;
      if (e instanceof UsageError) throw e;
      if (!down) ctx.io.err(`(no answer from ${url}: ${(e as Error).message}; is "sabu start" running? retrying every ${TAIL_POLL_MS / 1000} s)\n`);
      down = true;
    }
    await sleep(TAIL_POLL_MS, signal);
  }
  return 0;
}

/** Aborted by the first Ctrl-C or SIGTERM; the listeners are removed so the process can exit. */
function interrupted(): AbortSignal {
  const ac = new AbortController();
  const stop = () => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    ac.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return ac.signal;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
