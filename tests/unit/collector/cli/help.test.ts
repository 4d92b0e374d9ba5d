// @vitest-environment node
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../../packages/collector/src/cli/runCli.js';

async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));

describe('sabu help and version', () => {
  it('prints the collector package version', async () => {
    const { version } = JSON.parse(readFileSync('packages/collector/package.json', 'utf8'));
    expect(await cli('--version')).toEqual({ code: 0, out: `${version}\n`, err: '' });
  });

  it('start --help lists every SABU_ environment variable the collector reads', async () => {
    const read = new Set(files('packages/collector/src').flatMap((f) => readFileSync(f, 'utf8').match(/\bSABU_[A-Z_]*[A-Z]\b/g) ?? []));
    expect(read.size).toBeGreaterThan(5);
    const help = (await cli('start', '--help')).out;
    for (const name of read) expect(help, name).toContain(name);
  });

  it('has help for every command it lists', async () => {
    const main = (await cli('--help')).out;
    const commands = [...main.matchAll(/^ {2}sabu ([a-z-]+)/gm)].map((m) => m[1]!);
    expect(commands).toEqual(expect.arrayContaining(['init', 'start', 'tail', 'report', 'validate', 'demo-data']));
    for (const c of commands) expect((await cli(c, '--help')).code, c).toBe(0);
  });
});
