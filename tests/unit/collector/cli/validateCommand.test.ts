// @vitest-environment node
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../../packages/collector/src/cli/runCli.js';

const dir = mkdtempSync(join(tmpdir(), 'sabu-validate-cmd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const file = (v: unknown) => {
  const p = join(dir, `f${n++}.json`);
  writeFileSync(p, typeof v == 'string' ? v : JSON.stringify(v, null, 2));
  return p;
};
async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}
const item = (over: Record<string, unknown> = {}) => ({ id: 'a', title: 'A', completeWhen: { event: 'X' }, ...over });

describe('sabu validate', () => {
  it('reports structure and cross-reference problems of a checklist in one pass', async () => {
    const f = file({ id: 'onboarding', title: 'Start', items: [item(), item({ title: 5 }), item({ id: 'c', dependsOn: ['zzz', 'a', 'd'] }), item({ id: 'd' })] });
    const r = await cli('validate', f);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${f}: invalid checklist (4 problems)`);
    const lines = r.err.split('\n').filter((l) => l.startsWith('  - '));
    expect(lines.sort()).toEqual(
      [
        '  - items[1].title: expected a non-empty string, or an object of them by locale such as {"en": "…", "ja": "…"}',
        '  - items[1].id: duplicate item id "a"',
        '  - items[2].dependsOn[0]: expected the id of an earlier item',
        '  - items[2].dependsOn[2]: expected the id of an earlier item',
      ].sort(),
    );
  });

  it('prints a cross-reference problem once when the schema found it too', async () => {
    const r = await cli('validate', file({ id: 'x', title: 'X', items: [item(), item()] }));
    expect(r.code).toBe(1);
    expect(r.err.match(/duplicate item id "a"/g)).toHaveLength(1);
  });

  it('finds duplicate step ids in a flow and in a file of flows, beside other problems', async () => {
    const flow = (over: Record<string, unknown> = {}) => ({ id: 'signup', name: 'Sign up', steps: [{ id: 's1', event: 'A' }, { id: 's1', event: 42 }], ...over });
    const one = await cli('validate', file(flow()), '--kind', 'flow');
    expect(one.code).toBe(1);
    expect(one.err).toContain('steps[1].id: duplicate step id "s1"');
    expect(one.err).toContain('steps[1]: a step is { id } with exactly one of event, url or selector');
    const many = await cli('validate', file([flow({ steps: [{ id: 'a', event: 'A' }] }), flow()]), '--kind', 'flow');
    expect(many.err).toContain('[1].steps[1].id: duplicate step id "s1"');
    expect(many.err).not.toContain('[0].steps');
  });

  it('points at the line and column of a JSON syntax error', async () => {
    const f = file('{\n  "id": "onboarding",\n  "items": [\n    { "id": "a", },\n  ]\n}\n');
    const r = await cli('validate', f);
    expect(r.code).toBe(1);
    expect(r.err).toContain('line 4, column 18: expected a double-quoted property name (a trailing comma?)');
    expect(r.err).toContain('4 |     { "id": "a", },');
    // The caret sits under the offending character.
    const [src, caret] = r.err.split('\n').filter((l) => /^\s+\d* \|/.test(l));
    expect(caret!.indexOf('^')).toBe(src!.indexOf('}'));
  });

  it('treats a missing file, a folder, no file and an unknown kind as usage errors (exit 2)', async () => {
    const missing = await cli('validate', join(dir, 'nope.json'));
    expect(missing).toMatchObject({ code: 2, out: '' });
    expect(missing.err).toContain(`no such file: ${join(dir, 'nope.json')}`);
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    expect((await cli('validate', folder)).code).toBe(2);
    expect((await cli('validate')).code).toBe(2);
    expect((await cli('validate', file({}), '--kind', 'poem')).code).toBe(2);
  });

  it('checks several files in one run: 0 when all are valid, 1 when one is not', async () => {
    const good = file({ id: 'x', title: 'X', items: [item()] });
    expect((await cli('validate', good, good)).code).toBe(0);
    const r = await cli('validate', good, file({ id: 'x', title: 'X', items: [] }));
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${good}: valid checklist`);
  });
});
