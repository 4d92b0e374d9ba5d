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
const project = { id: 'acme', writeKeys: ['wk_acme_123'], readKeys: ['rk_acme_123'], origins: ['https://app.acme.test'] };

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
      env: { SABU_PORT: '9000', SABU_DATABASE: ':memory:', SABU_WRITE_KEY: 'wk_env_1234', SABU_READ_KEY: 'rk_env_1234', SABU_ORIGINS: 'http://127.0.0.1:3000, https://x.test' },
    });
    expect(c.port).toBe(9000);
    expect(c.database).toBe(':memory:');
    expect(c.projects).toEqual([expect.objectContaining({ id: 'default', writeKeys: ['wk_env_1234'], origins: ['http://127.0.0.1:3000', 'https://x.test'] })]);
  });

  it('names every bad field with its path', () => {
    const p = problems(() =>
      loadConfig({
        file: file('bad.json', { port: 'eighty', projects: [{ ...project, writeKeys: ['short'], origins: ['https://x.test/path'] }], health: { weights: { activity: -1 } } }),
        env: {},
      }),
    );
    expect(p.some((x) => x.startsWith('port:'))).toBe(true);
    expect(p).toContain('projects[0].writeKeys[0]: keys must be at least 8 characters long');
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

  it('says how to configure when there is nothing at all', () => {
    expect(problems(() => loadConfig({ env: {} }))[0]).toMatch(/^projects: none configured\. Create sabu\.config\.json .* or set SABU_WRITE_KEY and SABU_READ_KEY$/);
  });

  it('accepts the shipped example config', () => {
    expect(loadConfig({ file: 'packages/collector/sabu.config.example.json', env: {} }).projects[0]!.id).toBe('acme');
  });

  it('puts the file and the fix in the error message', () => {
    try {
      loadConfig({ file: file('msg.json', { projects: [] }), env: {} });
    } catch (e) {
      expect((e as Error).message).toMatch(/\[sabu\] invalid collector config \(.*msg\.json\):\n {2}- projects: add at least one project/);
    }
  });
});
