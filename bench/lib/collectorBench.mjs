import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './targets.mjs';

/** Figure 6 takes long on DuckDB; past this the run is cut and reported as such. */
const TIMEOUT_MS = 20 * 60_000;

/**
 * Figure 6 belongs to the collector's own benchmark (`npm run bench:collector`). When
 * that script exists it runs here, in the same session as the browser figures; its
 * output goes into the report as it printed it, and its JSON when it writes one to the
 * path in BENCH_COLLECTOR_JSON.
 */
export function runCollectorBench({ quick }) {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  if (!pkg.scripts?.['bench:collector']) return { available: false, note: 'collector benchmark not available' };
  const jsonPath = join(ROOT, 'bench/.build/collector.json');
  rmSync(jsonPath, { force: true });
  console.error('bench: figure 6, npm run bench:collector …');
  const started = Date.now();
  const r = spawnSync('npm', ['run', '--silent', 'bench:collector', ...(quick ? ['--', '--quick'] : [])], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
    env: { ...process.env, BENCH_COLLECTOR_JSON: jsonPath },
    maxBuffer: 64 * 1024 * 1024,
  });
  let json = null;
  try {
    json = existsSync(jsonPath) ? JSON.parse(readFileSync(jsonPath, 'utf8')) : null;
  } catch {
    json = null;
  }
  return {
    available: true,
    ok: r.status == 0,
    exitCode: r.status,
    signal: r.signal,
    seconds: (Date.now() - started) / 1000,
    output: (r.stdout || '').trim().split('\n').slice(-80).join('\n'),
    errors: r.status == 0 ? '' : (r.stderr || String(r.error || '')).trim().split('\n').slice(-20).join('\n'),
    json,
  };
}
