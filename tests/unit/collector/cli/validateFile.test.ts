// @vitest-environment node
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectKind, validateFile } from '../../../../packages/collector/src/cli/validateFile.js';

const dir = mkdtempSync(join(tmpdir(), 'sabu-validate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (v: unknown) => {
  const p = join(dir, `${Math.random()}.json`);
  writeFileSync(p, typeof v == 'string' ? v : JSON.stringify(v));
  return p;
};
const track = { type: 'track', event: 'E', messageId: 'm1', timestamp: '2026-01-01T00:00:00Z', anonymousId: 'a' };

describe('validateFile', () => {
  it('guesses the kind from the shape', () => {
    expect(detectKind({ batch: [] })).toBe('batch');
    expect(detectKind({ projects: [] })).toBe('collector-config');
    expect(detectKind({ writeKey: 'k', endpoint: '/e' })).toBe('sdk-config');
    expect(detectKind({ steps: [] })).toBe('flow');
    expect(detectKind({ items: [] })).toBe('checklist');
    expect(detectKind(42)).toBeNull();
  });

  it('validates a batch event by event, naming index and field', () => {
    expect(validateFile(file({ batch: [track] }))).toEqual({ ok: true, kind: 'batch', problems: [] });
    const r = validateFile(file({ batch: [track, { ...track, timestamp: 'soon' }] }));
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toMatch(/^batch\[1\]\.timestamp: /);
  });

  it('validates collector configs with field paths', () => {
    const r = validateFile(file({ projects: [{ id: 'X Y', writeKeys: [], readKeys: ['rk_1234567'] }] }));
    expect(r.kind).toBe('collector-config');
    expect(r.problems).toEqual(expect.arrayContaining([expect.stringMatching(/^projects\[0\]\.readKeys\[0\]: keys must be at least 16/), expect.stringMatching(/^projects\[0\]\.id: /), expect.stringMatching(/^projects\[0\]\.writeKeys: /)]));
  });

  it('runs the same config check as `sabu start`: a read key equal to a write key, unknown fields, a BOM', () => {
    const key = 'k_0123456789abcdef';
    const same = validateFile(file({ projects: [{ id: 'acme', writeKeys: [key], readKeys: [key] }] }));
    expect(same).toEqual({ ok: false, kind: 'collector-config', problems: [`projects[0].readKeys[0]: the same key is already used at projects[0].writeKeys[0]; every key must be unique`] });
    const typo = validateFile(file({ projects: [{ id: 'acme', writeKeys: [key], readKeys: ['rk_0123456789abcdef'] }], rateLimt: {} }));
    expect(typo.problems).toEqual(['rateLimt: unknown field; did you mean "rateLimit"?']);
    const bom = validateFile(file('\uFEFF' + JSON.stringify({ $schema: 'x', projects: [{ id: 'acme', writeKeys: [key], readKeys: ['rk_0123456789abcdef'] }] })));
    expect(bom).toEqual({ ok: true, kind: 'collector-config', problems: [] });
  });

  it('validates flows (one or a list), checklists and surveys with the @sabu/schema schemas', () => {
    const flow = { id: 'connect-data', name: 'Connect data', steps: [{ id: 'choose', event: 'Source Chosen' }, { id: 'map', url: '/data/map' }] };
    expect(validateFile(file(flow))).toEqual({ ok: true, kind: 'flow', problems: [] });
    expect(validateFile(file([flow, { ...flow, id: 'other' }]))).toMatchObject({ ok: true, kind: 'flow' });
    const dup = validateFile(file({ ...flow, steps: [{ id: 'a', event: 'A' }, { id: 'a', event: 'B' }] }));
    expect(dup.ok).toBe(false);
    expect(dup.problems[0]).toMatch(/^steps\[1\]\.id: duplicate step id "a"/);
    expect(validateFile('tests/e2e/fixtures/checklist-onboarding.json')).toMatchObject({ ok: true, kind: 'checklist' });
    expect(validateFile('tests/e2e/fixtures/survey-nps.json')).toMatchObject({ ok: true, kind: 'survey' });
    expect(validateFile('tests/e2e/fixtures/playbook-rage-billing.json')).toMatchObject({ ok: true, kind: 'playbook' });
    expect(validateFile('examples/saas-app/playbooks.json')).toMatchObject({ ok: true, kind: 'playbook' }); // an array, as data-playbooks takes
    expect(validateFile(file([{ id: 'a', when: { event: 'X' }, do: { event: 'Y' } }, { id: 'b', when: { event: 'X' }, do: {} }]))).toMatchObject({ ok: false, kind: 'playbook', problems: [expect.stringContaining('[1].do')] });
    expect(validateFile(file({ id: 'p', when: { friction: 'rage', count: 0 }, do: { survey: 'ces' } }))).toMatchObject({ ok: false, kind: 'playbook', problems: [expect.stringContaining('when.count')] });
    expect(validateFile(file({ id: 's', kind: 'nps', question: { en: 'Q?' }, triggers: [] }))).toMatchObject({ ok: false, kind: 'survey' });
  });

  it('validates several checklists: a file holding a list, and checklist(s) inline in an SDK config', () => {
    const item = { id: 'a', title: 'A', completeWhen: { event: 'A' } };
    const admin = { id: 'admin', title: 'Admin', audience: { traits: { role: 'admin' } }, items: [item] };
    const member = { id: 'member', title: 'Member', items: [item] };
    expect(validateFile(file([admin, member]))).toEqual({ ok: true, kind: 'checklist', problems: [] });
    const bad = validateFile(file([admin, { ...member, items: [{ ...item, title: 5 }] }]));
    expect(bad.problems).toEqual([expect.stringMatching(/^\[1\]\.items\[0\]\.title: expected a non-empty string/)]);
    expect(validateFile(file([admin, member, admin])).problems).toEqual(['[2].id: duplicate checklist id "admin"']);
    const config = { writeKey: 'wk', endpoint: '/v1/batch', checklists: [member, { ...admin, audience: { trait: 'x' } }], checklist: '/onboarding.json' };
    const cfg = validateFile(file(config));
    expect(cfg).toMatchObject({ ok: false, kind: 'sdk-config' });
    expect(cfg.problems).toEqual([expect.stringMatching(/^checklists\[1\]\.audience: unknown field "trait"/)]);
    expect(validateFile(file({ ...config, checklists: [member, admin] }))).toEqual({ ok: true, kind: 'sdk-config', problems: [] });
  });

  it('reports unreadable JSON and unknown shapes with the fix', () => {
    expect(validateFile(file('{')).ok).toBe(false);
    expect(validateFile(file({ hello: 1 })).problems[0]).toMatch(/pass --kind/);
  });
});
