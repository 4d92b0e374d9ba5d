import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { BENCH } from './targets.mjs';

/**
 * The peers live in bench/'s own package.json, so the root `npm ci` never downloads
 * them. The first run that needs them installs them from bench/package-lock.json.
 */
export function ensurePeers() {
  if (existsSync(join(BENCH, 'node_modules/.package-lock.json'))) return;
  console.error('bench: installing the peer SDKs into bench/node_modules (first run only)…');
  const npm = process.platform == 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['ci', '--prefix', BENCH, '--no-audit', '--no-fund', '--loglevel=error'], { stdio: 'inherit' });
}
