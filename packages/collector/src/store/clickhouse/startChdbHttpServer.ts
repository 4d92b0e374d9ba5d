import { createServer, type Server } from 'node:http';
import { gunzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { CH_SETTINGS } from './ClickHouseExecutor.js';

/**
 * ClickHouse's HTTP interface, the part @clickhouse/client uses, in front of the real
 * engine in-process (chdb), on 127.0.0.1: `sabu start --store clickhouse`, `sabu migrate`
 * and the HTTP executor then run unchanged in tests and the bench where no ClickHouse
 * server is installed. It is a doorway, not an imitation: every statement runs
 * on ClickHouse itself; only the transport is reimplemented (query in the body or in
 * `?query=` with the data as body, `param_*` bound server-side, `database`, gzip bodies,
 * errors as status 500 + X-ClickHouse-Exception-Code). Settings sent as URL parameters are
 * not applied: the session starts with the store's settings (CH_SETTINGS) instead.
 */
export async function startChdbHttpServer(o: { maxThreads?: number } = {}): Promise<{ url: string; requests: () => number; close(): Promise<void> }> {
  // Loaded on use: chdb is a development dependency (tests, bench), never needed in production.
  const { Session } = (await import('chdb')) as typeof import('chdb');
  const settings = { ...CH_SETTINGS, ...(o.maxThreads ? { max_threads: o.maxThreads } : {}) };
  const session = new Session(undefined, { connectionArgs: Object.entries(settings).map(([k, v]) => `--${k}=${v}`) });
  let count = 0;
  // One statement at a time: `USE database` and the statement after it must not interleave.
  let queue: Promise<unknown> = Promise.resolve();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      queue = queue.then(async () => {
        count++;
        const url = new URL(req.url ?? '/', 'http://x');
        let body = Buffer.concat(chunks);
        if (req.headers['content-encoding'] == 'gzip') body = gunzipSync(body);
        const inUrl = url.searchParams.get('query');
        const sql = inUrl ? `${inUrl}\n${body.toString('utf8')}` : body.toString('utf8');
        const params: Record<string, string | null> = {};
        for (const [k, v] of url.searchParams) if (k.startsWith('param_')) params[k.slice(6)] = v == '\\N' ? null : unescapeTsv(v);
        try {
          const db = url.searchParams.get('database');
          if (db) await session.queryAsync(`USE \`${db.replace(/`/g, '')}\``);
          const r = await session.queryBindAsync(sql, params, { format: 'TabSeparated' });
          res.writeHead(200, { 'Content-Type': 'text/plain; charset=UTF-8', 'X-ClickHouse-Summary': '{}' });
          res.end(r.bytes());
        } catch (e) {
          const m = String((e as Error).message);
          res.writeHead(500, { 'X-ClickHouse-Exception-Code': /Code: (\d+)/.exec(m)?.[1] ?? '1' });
          res.end(m);
        }
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => count,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await queue;
      session.close();
    },
  };
}

/** Query parameters arrive in ClickHouse's text escaping (\\, \t, \n, \'). */
function unescapeTsv(s: string) {
  return s.replace(/\\(.)/g, (_, c: string) => ({ t: '\t', n: '\n', r: '\r', '0': '\0', b: '\b', f: '\f' })[c] ?? c);
}
