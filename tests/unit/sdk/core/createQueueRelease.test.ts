import { describe, expect, it, vi } from 'vitest';
import { STORAGE_TIMEOUT_MS } from '../../../../packages/sdk/src/core/createQueue';
import { fakePlatform, startClient as start, useFakeClock } from '../fakePlatform';
import { committing, range, sentIds } from './committingStore';

/**
 * Issue 19: once the open durable store has taken a write, the page's mirror lets the
 * texts go at once (IndexedDB copies the records when the write starts, and cannot commit
 * while a burst's loop runs); should the write still fail, not one record is lost.
 */
useFakeClock(Date.parse('2026-03-02T10:00:00Z'));
const lazy = { batchSize: 500, flushInterval: 600_000 };

describe('texts leave the heap once the open store took the write', () => {
  it('delivers every record exactly once when a write fails after its texts left the mirror', async () => {
    const { store, writes } = committing();
    const fake = fakePlatform({ store });
    const c = start(fake, lazy);
    for (let i = 0; i < 1200; i++) c.track('Burst', { i, text: 'x'.repeat(600) });
    await vi.advanceTimersByTimeAsync(0); // the last 200 written too: three writes under way
    expect(writes).toHaveLength(3);
    expect(c.status().queued).toBe(1200);
    writes[0]!.fail(new DOMException('quota', 'QuotaExceededError'));
    writes[1]!.commit(); // after the fallback: the page delivers these from memory too
    writes[2]!.fail(new DOMException('closed', 'InvalidStateError'));
    await c.flush();
    expect(sentIds(fake)).toEqual(range(1200));
    expect(c.status()).toMatchObject({ storage: 'memory', queued: 0, sent: 1200 });
  });

  it('delivers every record once when a write never settles (the storage timeout)', async () => {
    const { store } = committing();
    const fake = fakePlatform({ store });
    const c = start(fake, lazy);
    for (let i = 0; i < 700; i++) c.track('Burst', { i, text: 'x'.repeat(600) });
    // Each write waits its own STORAGE_TIMEOUT_MS, one after the other.
    await vi.advanceTimersByTimeAsync(2 * STORAGE_TIMEOUT_MS);
    await c.flush();
    expect(sentIds(fake)).toEqual(range(700));
    expect(c.status().storage).toBe('memory');
  });

  it('sends at exit the oldest texts it kept while the write is under way', async () => {
    const { store } = committing();
    const fake = fakePlatform({ store });
    const c = start(fake, lazy);
    for (let i = 0; i < 600; i++) c.track('Burst', { i, text: 'x'.repeat(600) });
    await vi.advanceTimersByTimeAsync(0);
    fake.emit('exit');
    const atExit = fake.sent[0]!.messages.map((m: any) => m.properties.i);
    expect(atExit.length).toBeGreaterThan(50);
    expect(atExit).toEqual(range(atExit.length));
  });

  it('gives nothing back after the host cleared the queue (opt-out), even if the write then fails', async () => {
    const { store, writes } = committing();
    const fake = fakePlatform({ store });
    const c = start(fake, lazy);
    for (let i = 0; i < 300; i++) c.track('Burst', { i, text: 'x'.repeat(600) });
    await vi.advanceTimersByTimeAsync(0);
    c.optOut();
    writes[0]!.fail(new DOMException('quota', 'QuotaExceededError'));
    await vi.advanceTimersByTimeAsync(0);
    expect(c.status().queued).toBe(0);
    c.optIn();
    await c.flush();
    expect(fake.sent).toHaveLength(0);
  });
});
