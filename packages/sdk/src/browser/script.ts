/**
 * The script-tag entry (`sabu.min.js`, global `sabu`). It starts Sabu from the tag's
 * data- attributes and replays, in call order and with their own timestamps, the calls
 * the inline snippet queued before this file loaded.
 */
import { _replay } from '../api.js';
import type { SabuConfig } from '../types.js';

export * from '../index.js';

/** data-* attribute → config field and type. */
const ATTRIBUTES: Record<string, [keyof SabuConfig, 'n' | 'b' | 's']> = {
  writeKey: ['writeKey', 's'],
  endpoint: ['endpoint', 's'],
  batchSize: ['batchSize', 'n'],
  flushInterval: ['flushInterval', 'n'],
  maxQueueSize: ['maxQueueSize', 'n'],
  sessionTimeout: ['sessionTimeout', 'n'],
  trackPages: ['trackPages', 'b'],
  compression: ['compression', 'b'],
  consent: ['consent', 's'],
  respectDnt: ['respectDoNotTrack', 'b'],
  debug: ['debug', 'b'],
};

type Queued = [string, unknown[], number?];

if (typeof window != 'undefined') {
  try {
    const w = window as unknown as { sabu?: { q?: Queued[] } };
    const queued: Queued[] = (w.sabu && Array.isArray(w.sabu.q) && w.sabu.q) || [];
    const tag = (document.currentScript || document.querySelector('script[data-write-key]')) as HTMLScriptElement | null;
    const data = tag?.dataset ?? {};
    const fromTag: Record<string, unknown> = {};
    for (const attr in ATTRIBUTES) {
      const v = data[attr];
      if (v == null) continue;
      const [field, type] = ATTRIBUTES[attr]!;
      fromTag[field] = type == 'n' ? Number(v) : type == 'b' ? v != 'false' : v;
    }
    const initCall = queued.find((c) => c[0] == 'init');
    if (initCall) initCall[1] = [{ ...fromTag, ...(initCall[1][0] as object) }];
    else if (fromTag.writeKey) _replay('init', [fromTag]);
    for (const [name, args, time] of queued) _replay(name, args, time);
  } catch (err) {
    console.error('[sabu] could not start from the script tag:', err);
  }
}
