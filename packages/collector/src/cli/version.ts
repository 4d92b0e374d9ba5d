import { readFileSync } from 'node:fs';
import { packageDir } from '../server/registerDashboard.js';

/** The collector package's version, read from its package.json (src/ in tests, dist/ when installed). */
export function collectorVersion(): string {
  return (JSON.parse(readFileSync(`${packageDir()}/package.json`, 'utf8')) as { version: string }).version;
}
