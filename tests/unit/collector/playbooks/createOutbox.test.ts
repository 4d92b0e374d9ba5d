// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOutbox } from '../../../../packages/collector/src/playbooks/createOutbox.js';
import type { FiringPayload } from '../../../../packages/collector/src/playbooks/firingPayload.js';

const dirs: string[] = [];
const file = () => {
  const d = mkdtempSync(join(tmpdir(), 'sabu-outbox-'));
  dirs.push(d);
  return join(d, 'x.playbooks.jsonl');
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const firing = (id: string): FiringPayload => ({ id, type: 'playbook.fired', project: 'p', rule: { id: 'r', when: 'health_below' }, account: 'a', summary: 's', evidence: {}, firedAt: '2026-03-01T00:00:00.000Z' });

describe('createOutbox', () => {
  it('keeps crossings and pending deliveries across a reopen; done ones are gone', () => {
    const path = file();
    const a = createOutbox(path);
    a.fire('k1', firing('f1'), ['cs', 'chat']);
    a.fire('k2', firing('f2'), ['cs']);
    a.delivered('f1', 'cs');
    a.gaveUp('f2', 'cs', 'HTTP 500');
    a.clear('k2');
    a.close();
    const b = createOutbox(path);
    expect(b.onKeys()).toEqual(['k1']);
    expect(b.firingOf('k1')).toBe('f1');
    expect(b.pending().map((d) => [d.firing.id, d.webhook])).toEqual([['f1', 'chat']]);
    b.close();
    // Compacted on open: one crossing, one pending delivery.
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('skips a line torn by a crash: that firing never happened', () => {
    const path = file();
    const a = createOutbox(path);
    a.fire('k1', firing('f1'), ['cs']);
    a.close();
    appendFileSync(path, '{"t":"fire","key":"k2","firing":{"id":"f2"');
    const b = createOutbox(path);
    expect(b.onKeys()).toEqual(['k1']);
    expect(b.pending().map((d) => d.firing.id)).toEqual(['f1']);
    b.close();
  });

  it('read-only never writes; in memory without a path', () => {
    const path = file();
    const a = createOutbox(path);
    a.fire('k1', firing('f1'), ['cs']);
    a.close();
    const before = readFileSync(path, 'utf8');
    const ro = createOutbox(path, { readOnly: true });
    ro.fire('k9', firing('f9'), ['cs']);
    ro.close();
    expect(readFileSync(path, 'utf8')).toBe(before);
    const mem = createOutbox(null);
    mem.fire('k', firing('f'), ['cs']);
    expect(mem.firingOf('k')).toBe('f');
  });
});
