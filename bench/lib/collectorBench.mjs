import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './targets.mjs';

/** Figure 6 takes long on DuckDB; past this the run is cut and reported as such. */
const TIMEOUT_MS = 20 * 60_000;

/**
 * Figure 6 belongs to the collector's own benchmark (`npm run bench:collector`,
 * bench/collector.mjs). When the root package.json has that script it runs here, in the
 * same session as the browser figures, with `--json`; its results go into the report.
 */
export function runCollectorBench({ quick }) {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  if (!pkg.scripts?.['bench:collector']) return { available: false, note: 'collector benchmark not available' };
  console.error('bench: figure 6, npm run bench:collector …');
  const started = Date.now();
  const r = spawnSync('npm', ['run', '--silent', 'bench:collector', '--', '--json', ...(quick ? ['--quick'] : [])], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
  });
  const stdout = r.stdout || '';
  let json = null;
  const start = stdout.search(/^\{/m);
  if (start >= 0) {
    try {
      json = JSON.parse(stdout.slice(start));
    } catch {
      json = null;
    }
  }
  return {
    available: true,
    ok: r.status == 0 && json != null,
    exitCode: r.status,
    signal: r.signal,
    seconds: (Date.now() - started) / 1000,
    output: json ? '' : stdout.trim().split('\n').slice(-60).join('\n'),
    errors: r.status == 0 ? '' : (r.stderr || String(r.error || '')).trim().split('\n').slice(-20).join('\n'),
    json,
  };
}
