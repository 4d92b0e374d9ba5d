// @vitest-environment node
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIngestLog } from '../../../../../packages/collector/src/store/duckdb/ingestLog/createIngestLog.js';
import { segmentName } from '../../../../../packages/collector/src/store/duckdb/ingestLog/segmentFiles.js';
import type { EventRow } from '../../../../../packages/collector/src/store/EventRow.js';
import { eventRow } from '../eventRow.js';

/**
 * Issue 16: the ingest log is the collector's durability point. A request is answered
 * after its lines are written and fdatasync'd, never before; concurrent requests share
 * one fdatasync (group commit); a failed write leaves no half line for the loader.
 */
const T = 1_767_225_600_000;
const row = (messageId: string): EventRow => eventRow(messageId, T, { anonymousId: 'a', properties: '{}' });

const root = mkdtempSync(join(tmpdir(), 'sabu-log-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());
let n = 0;
const freshDir = () => mkdtempSync(join(root, `${n++}-`));

/** FileHandle's prototype (the class is not exported), to watch and hold its calls. */
async function fileHandleProto() {
  const h = await open(join(root, 'probe'), 'w');
  await h.close();
  return Object.getPrototypeOf(h) as { datasync(): Promise<void>; write(...a: unknown[]): Promise<unknown> };
}

const lines = (path: string) => readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { seq: number; message_id: string });

describe('the ingest log', () => {
  it('resolves an append only once its lines are fdatasync-ed', async () => {
    const dir = freshDir();
    const proto = await fileHandleProto();
    const real = proto.datasync;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const sync = vi.spyOn(proto, 'datasync').mockImplementation(async function (this: unknown) {
      await held;
      return real.call(this);
    });
    const log = createIngestLog(dir, { lastSeq: 0, firstSegment: 1, onSealed: () => {} });
    let acked = false;
    const done = log.append([row('a')]).then(() => (acked = true));
    await vi.waitFor(() => expect(sync).toHaveBeenCalledTimes(1));
    await new Promise((r) => setTimeout(r, 50));
    expect(acked).toBe(false);
    release();
    await done;
    expect(lines(join(dir, segmentName(1))).map((l) => l.message_id)).toEqual(['a']);
    await log.close();
  });

  it('gives requests that arrive during a write one shared fdatasync, numbering rows in arrival order', async () => {
    const dir = freshDir();
    const proto = await fileHandleProto();
    const sync = vi.spyOn(proto, 'datasync');
    const log = createIngestLog(dir, { lastSeq: 41, firstSegment: 1, onSealed: () => {} });
    await Promise.all(Array.from({ length: 50 }, (_, i) => log.append([row(`m${i}`), row(`m${i}b`)])));
    // The first request's write, then one for the 49 that queued behind it.
    expect(sync).toHaveBeenCalledTimes(2);
    const got = lines(join(dir, segmentName(1)));
    expect(got.map((l) => l.seq)).toEqual(Array.from({ length: 100 }, (_, i) => 42 + i));
    expect(got.map((l) => l.message_id).slice(0, 4)).toEqual(['m0', 'm0b', 'm1', 'm1b']);
    await log.close();
  });

  it('fails only the requests of a write that failed, and leaves no half line behind', async () => {
    const dir = freshDir();
    const proto = await fileHandleProto();
    const real = proto.write;
    let calls = 0;
    vi.spyOn(proto, 'write').mockImplementation(async function (this: unknown, ...a: unknown[]) {
      // The second write puts part of its bytes on disk, then fails (a full disk).
      if (++calls == 2) {
        const [buf, , , pos] = a as [Buffer, number, number, number];
        await real.call(this, buf, 0, 10, pos);
        throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      }
      return real.apply(this, a);
    });
    const log = createIngestLog(dir, { lastSeq: 0, firstSegment: 1, onSealed: () => {} });
    await log.append([row('first')]);
    await expect(log.append([row('lost')])).rejects.toThrow('no space');
    await log.append([row('after')]);
    expect(lines(join(dir, segmentName(1))).map((l) => l.message_id)).toEqual(['first', 'after']);
    await log.close();
  });

  it('seals a segment at its size, at its age, and when asked; never an empty one', async () => {
    const dir = freshDir();
    const sealed: [string, number][] = [];
    const log = createIngestLog(dir, { lastSeq: 0, firstSegment: 5, segmentRows: 3, sealAfterMs: 100, onSealed: (p, s) => sealed.push([p, s]) });
    await log.append([row('a'), row('b')]);
    await log.append([row('c'), row('d')]);
    await vi.waitFor(() => expect(sealed).toEqual([[join(dir, segmentName(5)), 4]]));
    await log.append([row('e')]);
    // Not sealed until its age is reached.
    expect(sealed).toHaveLength(1);
    await vi.waitFor(() => expect(sealed.map((s) => s[1])).toEqual([4, 5]), { timeout: 2000 });
    await log.seal();
    expect(sealed).toHaveLength(2);
    await log.append([row('f')]);
    await log.seal();
    expect(sealed.map((s) => s[0])).toEqual([5, 6, 7].map((k) => join(dir, segmentName(k))));
    expect(lines(sealed[2]![0]).map((l) => [l.seq, l.message_id])).toEqual([[6, 'f']]);
    await log.close();
    await expect(log.append([row('late')])).rejects.toThrow('closed');
  });
});
