import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkCollectorConfig } from '../config/checkCollectorConfig.js';
import { generateKey } from '../config/generateKey.js';
import type { CliContext } from './CliContext.js';
import { UsageError } from './UsageError.js';
import { collectorUrlOf } from './databaseInUse.js';
import { formatGettingStarted } from './snippet.js';

type Values = { origin?: string[]; force?: boolean; config?: string; port?: string; host?: string; project?: string };

/** The collector's default port (OTLP's, free on most machines). */
const DEFAULT_PORT = 4318;

/**
 * `sabu init [--origin URL]... [--force]`: writes sabu.config.json with one project, fresh
 * random keys (never hand-made ones) and the page origins allowed to send, then prints the
 * snippet to paste and the dashboard link. An existing file is kept unless --force: it
 * holds the keys live pages use.
 */
export async function initCommand(ctx: CliContext<Values>): Promise<number> {
  const v = ctx.values;
  const file = v.config ?? 'sabu.config.json';
  const origins = (v.origin ?? []).map(toOrigin);
  const port = v.port === undefined ? DEFAULT_PORT : Number(v.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`--port must be a port number from 1 to 65535 (got "${v.port}")`);
  const config = {
    host: v.host ?? '127.0.0.1',
    port,
    database: '.data/sabu.duckdb',
    projects: [
      {
        id: v.project ?? 'default',
        writeKeys: [generateKey('write')],
        readKeys: [generateKey('read')],
        origins: [...new Set(origins)],
      },
    ],
  };
  // The same check `sabu start` runs: what init writes always starts.
  const check = checkCollectorConfig(config);
  if (!check.ok) throw new UsageError(`cannot write this config:\n  - ${check.problems.join('\n  - ')}`);
  if (existsSync(file) && !v.force) {
    ctx.io.err(`sabu: ${file} already exists; keeping it (its keys may be in use). Pass --force to replace it with new keys.\n`);
    return 1;
  }
  // Owner-only: the file holds the secret read key.
  writeFileSync(file, JSON.stringify(config, null, 2) + '\n', { mode: 0o600, flag: v.force ? 'w' : 'wx' });
  const p = config.projects[0]!;
  const io = ctx.io;
  io.out(`Wrote ${resolve(file)} (project "${p.id}", a new write key and read key).\n`);
  io.out(`  The read key opens your reports: keep this file out of version control.\n`);
  if (!origins.length) {
    io.out(`  No --origin given: no web page may send events yet. Add your app's origin to projects[0].origins,\n  or run again: sabu init --force --origin http://localhost:3000\n`);
  } else io.out(`  Pages allowed to send: ${origins.join(', ')}\n`);
  io.out(`\nNext: npx sabu start${file == 'sabu.config.json' ? '' : ` --config ${file}`}\n\n`);
  io.out(formatGettingStarted({ collectorUrl: collectorUrlOf(config), writeKey: p.writeKeys[0]!, readKey: p.readKeys[0]!, projectId: p.id }));
  return 0;
}

/** `http://localhost:3000/` or `localhost:3000/app` → `http://localhost:3000`: what the browser sends as Origin. */
function toOrigin(s: string): string {
  if (s == '*') return s;
  let u: URL;
  try {
    u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(s) ? s : `http://${s}`);
  } catch {
    throw new UsageError(`--origin "${s}" is not a URL; expected something like http://localhost:3000`);
  }
  if (u.protocol != 'http:' && u.protocol != 'https:') throw new UsageError(`--origin "${s}": pages are served over http or https`);
  return u.origin;
}
