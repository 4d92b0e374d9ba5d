// @vitest-environment node
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error - the bench is plain JS
import { FULL, QUICK, parseArgs } from '../../../bench/lib/args.mjs';
// @ts-expect-error - the bench is plain JS
import { sabuVariant, staticFiles } from '../../../bench/lib/targets.mjs';

describe('bench options', () => {
  it('--events sets the burst of figure 3 and nothing else', () => {
    expect(parseArgs(['--quick', '--events', '10000']).settings.track).toEqual({ ...QUICK.track, n: 10000 });
    expect(parseArgs(['--quick', '--events', '10000']).settings.delivery).toEqual(QUICK.delivery);
    expect(parseArgs([]).settings.track).toEqual(FULL.track);
  });

  it('--variant name=DIR, repeatable, adds another build as its own target served from DIR', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-variant-'));
    writeFileSync(join(dir, 'sabu.min.js'), '');
    writeFileSync(join(dir, 'sabu-ui.js'), '');
    const o = parseArgs(['--variant', `old=${dir}`, '--variant', `other=${dir}`]);
    expect(o.variants).toEqual([{ name: 'old', dir }, { name: 'other', dir }]);
    const t = sabuVariant('old', dir);
    expect([t.id, t.name, t.peer]).toEqual(['sabu-old', 'Sabu old', false]);
    const files = staticFiles([t]);
    expect(files.get('/static/sabu-old/sabu.min.js')).toBe(join(dir, 'sabu.min.js'));
    expect(files.get('/static/sabu-old/sabu-ui.js')).toBe(join(dir, 'sabu-ui.js'));
    expect(t.init('http://127.0.0.1:1')).toContain('sabu.init(');
  });

  it('a variant folder without sabu.min.js is an error, not an empty target', () => {
    expect(() => sabuVariant('x', mkdtempSync(join(tmpdir(), 'bench-empty-')))).toThrow(/no sabu.min.js/);
  });
});
