// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { MAX_BATCH_BYTES, MAX_EVENT_BYTES, MAX_EVENT_DEPTH } from '@sabu/schema/limits';
import { collectorConfigSchema } from '../../../packages/collector/src/config/configSchema.js';
import { READ_KEY, WRITE_KEY } from './helpers.js';

/**
 * docs/collector.md lists every limit in one table; this keeps its defaults equal to the
 * code's, and every limit the config can set in it.
 */
const doc = readFileSync('docs/collector.md', 'utf8');
const section = doc.slice(doc.indexOf('\n## Limits'), doc.indexOf('\n## ', doc.indexOf('\n## Limits') + 1));
const rows = section
  .split('\n')
  .filter((l) => l.startsWith('| ') && !l.startsWith('| ---') && !l.startsWith('| limit '))
  .map((l) => l.split(' | ').map((c) => c.replace(/^\| |\s\|$/g, '')));
const defaults = collectorConfigSchema.parse({ projects: [{ id: 'p', writeKeys: [WRITE_KEY], readKeys: [READ_KEY] }] }) as unknown as Record<string, unknown>;

/** The config's limits: timeouts, counts and caps, as dotted keys with their defaults. */
function limitKeys(): [string, number][] {
  const out: [string, number][] = [];
  for (const [k, v] of Object.entries(defaults)) {
    if (typeof v == 'number' && k != 'port' && /Ms$|^max/.test(k)) out.push([k, v]);
    if (/Limit$/.test(k) && v && typeof v == 'object') for (const [sub, x] of Object.entries(v)) out.push([`${k}.${sub}`, x as number]);
  }
  return out;
}

/** How the table writes a default: milliseconds in seconds, counts as they are. */
const shown = (key: string, v: number) => (/Ms$/i.test(key) ? `${v / 1000} s` : String(v));

describe('the Limits table in docs/collector.md', () => {
  it('has a row, with the right default, for every limit the config sets', () => {
    const keys = limitKeys();
    expect(keys.length).toBeGreaterThanOrEqual(9);
    for (const [key, value] of keys) {
      const row = rows.find((r) => r[2]?.includes(`\`${key}\``));
      expect(row, `no row for ${key}`).toBeDefined();
      expect(row![1], `default of ${key}`).toContain(shown(key, value));
    }
  });

  it('gives the wire-format limits as the code has them', () => {
    const cell = (name: string) => rows.find((r) => r[2]?.includes(name))?.[1];
    expect(cell('MAX_BATCH_BYTES')).toBe(`${MAX_BATCH_BYTES / 1024} KB`);
    expect(cell('MAX_EVENT_BYTES')).toBe(`${MAX_EVENT_BYTES / 1024} KB`);
    expect(cell('MAX_EVENT_DEPTH')).toMatch(new RegExp(`^${MAX_EVENT_DEPTH} levels`));
  });
});
