// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { EXIT_TTL_MS, EXITS_PER_PROJECT, createExitLog } from '../../../../packages/collector/src/ingest/createExitLog.js';

describe('createExitLog', () => {
  it('answers only the ids it stored, per project', async () => {
    const log = createExitLog(() => 0);
    log.stored('acme', 'e1');
    expect(await log.answer('acme', ['e1', 'e2'])).toEqual(['e1']);
    expect(await log.answer('other', ['e1'])).toEqual([]);
  });

  it('forgets an id after EXIT_TTL_MS (the SDK then sends: a duplicate, never a loss)', async () => {
    let now = 0;
    const log = createExitLog(() => now);
    log.stored('acme', 'e1');
    now = EXIT_TTL_MS - 1;
    expect(await log.answer('acme', ['e1'])).toEqual(['e1']);
    now = EXIT_TTL_MS;
    expect(await log.answer('acme', ['e1'])).toEqual([]);
  });

  it('keeps at most EXITS_PER_PROJECT ids a project, the oldest forgotten first', async () => {
    let now = 0;
    const log = createExitLog(() => now);
    for (let i = 0; i <= EXITS_PER_PROJECT; i++) log.stored('acme', 'e' + i), now++;
    expect(await log.answer('acme', ['e0', 'e1', 'e' + EXITS_PER_PROJECT])).toEqual(['e1', 'e' + EXITS_PER_PROJECT]);
  });

  it('a question about an exit request being stored waits for its outcome', async () => {
    const log = createExitLog(() => 0);
    let finish!: () => void;
    const work = log.storing('acme', 'e1', new Promise<void>((r) => (finish = r))).then(() => log.stored('acme', 'e1'));
    const asked = log.answer('acme', ['e1']);
    finish();
    await work;
    expect(await asked).toEqual(['e1']);
    // A failed store: the question gets "not stored".
    const failed = log.storing('acme', 'e2', Promise.reject(new Error('disk full'))).catch(() => {});
    expect(await log.answer('acme', ['e2'])).toEqual([]);
    await failed;
  });
});
