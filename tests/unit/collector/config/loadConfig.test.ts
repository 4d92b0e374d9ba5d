// @vitest-environment node
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../../../packages/collector/src/config/loadConfig.js';

const dir = mkdtempSync(join(tmpdir(), 'sabu-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, v: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, typeof v == 'string' ? v : JSON.stringify(v));
  return p;
};
const project = { id: 'acme', writeKeys: ['wk_acme_123_public'], readKeys: ['rk_acme_123_secret'], origins: ['https://app.acme.test'] };

function problems(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('reads a file, fills defaults and resolves the database next to the file', () => {
    const c = loadConfig({ file: file('ok.json', { projects: [project] }), env: {} });
    expect(c).toMatchObject({ host: '127.0.0.1', port: 4318, rateLimit: { max: 600, windowMs: 60_000 }, health: { atRiskBelow: 50 } });
    expect(c.database).toBe(join(dir, '.data/sabu.duckdb'));
  });

  it('lets the environment override the file, and builds a project from SABU_* keys', () => {
    const c = loadConfig({
      file: file('env.json', { projects: [project] }),
      env: { SABU_PORT: '9000', SABU_DATABASE: ':memory:', SABU_WRITE_KEY: 'wk_env_1234_public', SABU_READ_KEY: 'rk_env_1234_secret', SABU_ORIGINS: 'http://127.0.0.1:3000, https://x.test' },
    });
    expect(c.port).toBe(9000);
    expect(c.database).toBe(':memory:');
    expect(c.projects).toEqual([expect.objectContaining({ id: 'default', writeKeys: ['wk_env_1234_public'], origins: ['http://127.0.0.1:3000', 'https://x.test'] })]);
  });

  it('names every bad field with its path', () => {
    const p = problems(() =>
      loadConfig({
        file: file('bad.json', { port: 'eighty', projects: [{ ...project, writeKeys: ['short'], origins: ['https://x.test/path'] }], health: { weights: { activity: -1 } } }),
        env: {},
      }),
    );
    expect(p.some((x) => x.startsWith('port:'))).toBe(true);
    expect(p).toContain('projects[0].writeKeys[0]: keys must be at least 16 characters long (got 5); generate one with `npx sabu init`');
    expect(p.some((x) => x.startsWith('projects[0].origins[0]: expected an origin'))).toBe(true);
    expect(p.some((x) => x.startsWith('health.weights.activity:'))).toBe(true);
  });

  it('refuses a key shared by two projects, missing projects, bad JSON and missing files', () => {
    expect(problems(() => loadConfig({ file: file('dup.json', { projects: [project, { ...project, id: 'other' }] }), env: {} }))[0]).toMatch(
      /^projects\[1\]\.writeKeys\[0\]: the same key is already used at projects\[0\]\.writeKeys\[0\]/,
    );
    expect(problems(() => loadConfig({ file: file('none.json', {}), env: {} }))[0]).toMatch(/^projects:/);
    expect(problems(() => loadConfig({ file: file('broken.json', '{"projects": ['), env: {} }))[0]).toMatch(/^not valid JSON/);
    expect(problems(() => loadConfig({ file: join(dir, 'missing.json'), env: {} }))[0]).toMatch(/^cannot read the file/);
  });

  it('names the environment variable or flag that set a bad value', () => {
    const p = problems(() => loadConfig({ env: { SABU_WRITE_KEY: 'wk_public_key_0001', SABU_READ_KEY: 'short', SABU_PORT: 'eighty' }, overrides: { host: 'http://x' } }));
    expect(p).toEqual([
      expect.stringMatching(/^host: expected an address .* \(set by --host\)$/),
      expect.stringMatching(/^port: .* \(set by SABU_PORT\)$/),
      expect.stringMatching(/^projects\[0\]\.readKeys\[0\]: keys must be at least 16 characters long \(got 5\).* \(set by SABU_READ_KEY\)$/),
    ]);
  });

  it('takes an IPv6 host with or without the brackets URLs use', () => {
    expect(loadConfig({ file: file('v6.json', { host: '[::1]', projects: [project] }), env: {} }).host).toBe('::1');
    expect(loadConfig({ file: file('v6b.json', { host: '::', projects: [project] }), env: {} }).host).toBe('::');
  });

  it('says how to configure when there is nothing at all', () => {
    expect(problems(() => loadConfig({ env: {} }))[0]).toMatch(/^projects: none configured\. Create sabu\.config\.json .* or set SABU_WRITE_KEY and SABU_READ_KEY$/);
  });

  it('refuses the shipped example as-is: its keys are placeholders everyone can read', () => {
    expect(problems(() => loadConfig({ file: 'packages/collector/sabu.config.example.json', env: {} }))).toEqual([
      "projects[0].writeKeys[0]: this is the example's placeholder: replace it with a generated key (`npx sabu init`)",
      "projects[0].readKeys[0]: this is the example's placeholder: replace it with a generated key (`npx sabu init`)",
    ]);
  });

  it('refuses keys that could be guessed or mangled: short, repetitive, with whitespace or non-ASCII', () => {
    const bad = ['        ', 'aaaaaaaa', 'a'.repeat(40), 'abababababababab', 'rk_live 1234567890', 'rk_live_1234567\t89', 'rk_clé_1234567890', '', 'rk_1234567890ab'];
    for (const k of bad) {
      const p = problems(() => loadConfig({ file: file('weak.json', { projects: [{ ...project, readKeys: [k] }] }), env: {} }));
      expect(p, k).toEqual([expect.stringMatching(/^projects\[0\]\.readKeys\[0\]: keys (must be at least 16|need at least 6 different|may only hold visible ASCII)/)]);
    }
    expect(loadConfig({ file: file('strong.json', { projects: [{ ...project, readKeys: ['rk_1234567890abc'] }] }), env: {} }).projects[0]!.readKeys).toEqual(['rk_1234567890abc']);
  });

  it('fails on unknown fields at every level, naming the field and the nearest known one', () => {
    const p = problems(() =>
      loadConfig({
        file: file('typo.json', {
          projects: [{ ...project, readkeys: ['x'], orgins: [] }],
          rateLimt: { max: 5 },
          rateLimit: { maxx: 5 },
          health: { weights: { activty: 1 }, zzzzzzzzzz: 1 },
        }),
        env: {},
      }),
    );
    expect(p).toEqual(
      expect.arrayContaining([
        'rateLimt: unknown field; did you mean "rateLimit"?',
        'projects[0].readkeys: unknown field; did you mean "readKeys"?',
        'projects[0].orgins: unknown field; did you mean "origins"?',
        'rateLimit.maxx: unknown field; did you mean "max"?',
        'health.weights.activty: unknown field; did you mean "activity"?',
        'health.zzzzzzzzzz: unknown field; known fields: weights, atRiskBelow, windowDays, frictionCeiling',
      ]),
    );
    expect(p).toHaveLength(6);
  });

  it('accepts a UTF-8 byte-order mark and a $schema field', () => {
    const c = loadConfig({ file: file('bom.json', '\uFEFF' + JSON.stringify({ $schema: './sabu.schema.json', projects: [project] })), env: {} });
    expect(c.projects[0]!.id).toBe('acme');
  });

  it('refuses a read key equal to a write key (it would ship in every page)', () => {
    const p = problems(() => loadConfig({ file: file('same.json', { projects: [{ ...project, readKeys: project.writeKeys }] }), env: {} }));
    expect(p).toEqual(['projects[0].readKeys[0]: the same key is already used at projects[0].writeKeys[0]; every key must be unique']);
  });

  it('puts the file and the fix in the error message', () => {
    try {
      loadConfig({ file: file('msg.json', { projects: [] }), env: {} });
    } catch (e) {
      expect((e as Error).message).toMatch(/\[sabu\] invalid collector config \(.*msg\.json\):\n {2}- projects: add at least one project/);
    }
  });
});
