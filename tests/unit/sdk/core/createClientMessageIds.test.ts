import { describe, expect, it, vi } from 'vitest';
import { fakePlatform, startClient, useFakeClock } from '../fakePlatform';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
type Sent = { messageId: string; properties?: { i?: number } };

/** A fake platform whose uuid() is random, and a record of what it gave. */
function randomIds() {
  const fake = fakePlatform();
  const given: string[] = [];
  fake.platform.uuid = () => (given.push(crypto.randomUUID()), given.at(-1)!);
  return { fake, given };
}
const ids = (fake: ReturnType<typeof fakePlatform>) => fake.sent.flatMap((s) => s.messages.map((m: Sent) => m.messageId));

useFakeClock(Date.parse('2026-03-02T10:00:00Z'));

describe('messageId', () => {
  it('is UUID-shaped and different for every message, from one random UUID for the whole page', async () => {
    const { fake, given } = randomIds();
    const c = startClient(fake, { batchSize: 500, flushInterval: 600_000 });
    for (let i = 0; i < 2000; i++) c.track('A', { i });
    await c.flush();
    const sent = ids(fake);
    expect(sent).toHaveLength(2000);
    expect(new Set(sent).size).toBe(2000);
    for (const id of sent) expect(id).toMatch(UUID_V4);
    // The page's UUID less its last 8 digits, then the message's number: not a UUID per message.
    expect(given.length).toBeLessThan(5);
    const page = given.find((u) => sent[0]!.startsWith(u.slice(0, 28)))!;
    expect(sent.slice(0, 3)).toEqual(['00000000', '00000001', '00000002'].map((n) => page.slice(0, 28) + n));
  });

  it('differs between pages (tabs, reloads), and a message sent again keeps its id', async () => {
    const { fake } = randomIds();
    fake.reply({ status: 500 }, { status: 200 });
    const first = startClient(fake, { batchSize: 500, flushInterval: 600_000 });
    for (let i = 0; i < 3; i++) first.track('A', { i });
    await first.flush();
    await vi.runAllTimersAsync(); // the retry
    const second = startClient(fake, { batchSize: 500, flushInterval: 600_000 });
    second.track('B');
    await second.flush();
    const [failed, retried, other] = fake.sent.map((s) => s.messages.map((m: Sent) => m.messageId));
    expect(retried).toEqual(failed);
    expect(new Set([...retried!, ...other!]).size).toBe(4);
    expect(other![0]!.slice(0, 28)).not.toBe(retried![0]!.slice(0, 28));
  });

  it('is not used again after a message beforeSend dropped', async () => {
    const { fake } = randomIds();
    const c = startClient(fake, { beforeSend: (m: { event?: string }) => (m.event == 'Drop' ? null : m) });
    c.track('A');
    c.track('Drop');
    c.track('B');
    await c.flush();
    const [a, b] = ids(fake);
    expect(a).not.toBe(b);
  });
});
