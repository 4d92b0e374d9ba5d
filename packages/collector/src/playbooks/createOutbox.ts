import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FiringPayload } from './firingPayload.js';

/** One webhook's copy of a firing, until it is delivered or given up. */
export interface PendingDelivery {
  firing: FiringPayload;
  webhook: string;
}

/**
 * What has fired and what is still to deliver, kept in a JSON-lines file next to the
 * database (`<database>.playbooks.jsonl`). Why not a table in the analytics Store: the
 * Store is the read/insert boundary D's ClickHouse backend also implements, and an outbox
 * needs none of that; a file written with fsync before each delivery gives the two
 * guarantees that matter with nothing else to port or lock:
 * - a firing is on disk before its first attempt, so a restart re-delivers it (at least once);
 * - a delivery is marked done on disk after the receiver's 2xx, so a restart does not send
 *   it again (unless the process died between the 2xx and that write: receivers de-duplicate on
 *   the firing id), and the crossing stays recorded, so the rule does not fire again while
 *   the account stays over the line.
 * Each record is one line written with one write(); a line torn by a crash is skipped on
 * replay (a torn `fire` line was never delivered either, so the next evaluation fires it
 * again). The file is compacted on open: only live crossings and pending deliveries stay.
 */
export interface Outbox {
  /** The firing id of a (project, rule, account) crossing that is on, else undefined. */
  firingOf(key: string): string | undefined;
  onKeys(): string[];
  /** Records a crossing and its deliveries, durably, before any attempt. */
  fire(key: string, firing: FiringPayload, webhooks: readonly string[]): void;
  /** The account is back under the line: a later crossing fires again. */
  clear(key: string): void;
  delivered(firingId: string, webhook: string): void;
  gaveUp(firingId: string, webhook: string, reason: string): void;
  pending(): PendingDelivery[];
  close(): void;
}

type Line =
  | { t: 'fire'; key: string; firing: FiringPayload; webhooks: string[] }
  | { t: 'on'; key: string; id: string }
  | { t: 'pending'; firing: FiringPayload; webhook: string }
  | { t: 'off'; key: string }
  | { t: 'done'; id: string; webhook: string }
  | { t: 'dead'; id: string; webhook: string; reason: string };

/** `path` null keeps everything in memory (a `:memory:` database); `readOnly` only reads (the CLI's dry run). */
export function createOutbox(path: string | null, o: { readOnly?: boolean } = {}): Outbox {
  const on = new Map<string, string>();
  const pending = new Map<string, PendingDelivery>();
  const dk = (id: string, webhook: string) => `${id}\u0000${webhook}`;

  function apply(l: Line) {
    switch (l.t) {
      case 'fire':
        on.set(l.key, l.firing.id);
        for (const w of l.webhooks) pending.set(dk(l.firing.id, w), { firing: l.firing, webhook: w });
        break;
      case 'on':
        on.set(l.key, l.id);
        break;
      case 'pending':
        pending.set(dk(l.firing.id, l.webhook), { firing: l.firing, webhook: l.webhook });
        break;
      case 'off':
        on.delete(l.key);
        break;
      case 'done':
      case 'dead':
        pending.delete(dk(l.id, l.webhook));
        break;
    }
  }

  if (path && existsSync(path)) {
    for (const text of readFileSync(path, 'utf8').split('\n')) {
      if (!text) continue;
      try {
        apply(JSON.parse(text) as Line);
      } catch {
        // A line torn by a crash mid-write: it never took effect.
      }
    }
  }
  let fd: number | undefined;
  if (path && !o.readOnly) {
    compact(path, [
      ...[...on].map(([key, id]): Line => ({ t: 'on', key, id })),
      ...[...pending.values()].map((p): Line => ({ t: 'pending', ...p })),
    ]);
    fd = openSync(path, 'a');
  }

  function write(...lines: Line[]) {
    for (const l of lines) apply(l);
    if (fd === undefined) return;
    writeSync(fd, lines.map((l) => JSON.stringify(l) + '\n').join(''));
    fsyncSync(fd);
  }

  return {
    firingOf: (key) => on.get(key),
    onKeys: () => [...on.keys()],
    fire: (key, firing, webhooks) => write({ t: 'fire', key, firing, webhooks: [...webhooks] }),
    clear: (key) => on.has(key) && write({ t: 'off', key }),
    delivered: (id, webhook) => write({ t: 'done', id, webhook }),
    gaveUp: (id, webhook, reason) => write({ t: 'dead', id, webhook, reason }),
    pending: () => [...pending.values()],
    close() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}

/** Rewrites the file with only what is still live: a temporary file, fsync, rename, fsync of the folder. */
function compact(path: string, lines: Line[]) {
  // With the ClickHouse store no DuckDB file made the folder (store: "clickhouse").
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, lines.map((l) => JSON.stringify(l) + '\n').join(''));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  try {
    const dir = openSync(dirname(path), 'r');
    fsyncSync(dir);
    closeSync(dir);
  } catch {
    // Some platforms cannot fsync a folder; the rename is still atomic.
  }
}
