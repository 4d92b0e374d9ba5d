import { expect, it } from 'vitest';
import { manual, storedCount, useE2E } from './utils/fixture';

const env = useE2E();

/** How many event texts (serialised messages) a heap snapshot holds alive. */
function eventTexts(snapshot: string): number {
  const snap = JSON.parse(snapshot) as { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[]; strings: string[] };
  const { node_fields: fields, node_types: types } = snap.snapshot.meta;
  const type = fields.indexOf('type');
  const name = fields.indexOf('name');
  let n = 0;
  for (let i = 0; i < snap.nodes.length; i += fields.length) {
    if (types[0][snap.nodes[i + type]!] == 'string' && snap.strings[snap.nodes[i + name]!]!.startsWith('{"type":"track","event":"Burst"')) n++;
  }
  return n;
}

/**
 * Issue 19, on the built sabu.min.js (the minifier decides which closures share a V8
 * context): right after a burst's synchronous loop, before IndexedDB could answer, the
 * texts of the events are not on the JavaScript heap. They were, every one of them, until
 * each write committed (~6 MB here). The collector is down meanwhile; nothing is lost.
 */
it('a 10,000-event burst leaves few of its texts on the heap right after the loop, and every event arrives once', async () => {
  const { collector } = env;
  const { page, ctx } = await env.open(manual({ trackPages: false, batchSize: 500 }));
  await page.evaluate(() => (window as any).sabu.track('Warm'));
  await collector.waitFor(() => collector.events().length == 1, 10_000, 'the first event');
  await collector.stop();
  expect(await storedCount(page)).toBe(0);
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Debugger.enable');
  // Paused by the `debugger` statement that ends the loop's task: nothing of the page's (an
  // IndexedDB answer, a timer) runs before the snapshot (which collects garbage first),
  // whatever the machine's load.
  const held = new Promise<number>((resolve) =>
    cdp.once('Debugger.paused', async () => {
      let text = '';
      const chunk = ({ chunk }: { chunk: string }) => (text += chunk);
      cdp.on('HeapProfiler.addHeapSnapshotChunk', chunk);
      await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
      cdp.off('HeapProfiler.addHeapSnapshotChunk', chunk);
      await cdp.send('Debugger.resume');
      resolve(eventTexts(text));
    }),
  );
  await page.evaluate(() => {
    for (let i = 0; i < 10_000; i++) (window as any).sabu.track('Burst', { i, plan: 'pro', seats: 3, trial: false });
    debugger;
  });
  // The mirror keeps what one exit request can carry (64 KiB, about 120 of these).
  expect(await held).toBeLessThan(500);
  await cdp.send('Debugger.disable');
  await collector.start();
  await collector.waitFor(() => collector.events().length == 10_001, 60_000, '10,001 events');
  const ids = collector.accepted().map((m) => m.messageId);
  expect(new Set(ids).size).toBe(ids.length);
  await ctx.close();
});
