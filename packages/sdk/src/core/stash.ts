import type { QueueRecord } from './store.js';

/**
 * Records as a Blob, whose bytes the browser keeps out of the JavaScript heap, until
 * {@link unstash} reads them back: for a write to the durable store that may still fail
 * (issue 19: a burst's texts, about 7.6 MB for 10,000 events, stayed on the heap until
 * IndexedDB committed, which it cannot do while the loop runs).
 *
 * One line per record, the key, a tab, the text: keys have neither, and a text is JSON as
 * the client serialised it, which has no raw control characters and no lone surrogates
 * (so UTF-8 gives it back intact). A Blob, not a reader closure: the minifier inlines
 * functions, and a closure made where `recs` is in scope may keep them alive (V8 gives
 * the closures of one function call one shared context).
 */
export const stash = (recs: QueueRecord[]) => new Blob([recs.map((r) => r.k + '\t' + r.s).join('\n')]);

/** The records of a {@link stash}, in the order given. */
export const unstash = async (blob: Blob): Promise<QueueRecord[]> =>
  (await blob.text()).split('\n').map((line) => {
    const tab = line.indexOf('\t');
    return { k: line.slice(0, tab), s: line.slice(tab + 1) };
  });
