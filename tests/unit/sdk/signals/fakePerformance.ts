/**
 * A PerformanceObserver stand-in for happy-dom: entries are added with `emit()`, kept in
 * a buffer (for `buffered: true` observers created later, as the browser does), and
 * handed to observers by `deliver()` (the browser's later task) or their `takeRecords()`.
 */
export function fakePerformance() {
  const buffer: Record<string, PerformanceEntry[]> = {};
  const live = new Set<FakeObserver>();
  const passes = (e: any, o: any) => e.entryType != 'event' || e.duration >= (o.durationThreshold ?? 104);

  class FakeObserver {
    static supportedEntryTypes = ['paint', 'largest-contentful-paint', 'layout-shift', 'event', 'first-input', 'navigation'];
    opts: any[] = [];
    pending: PerformanceEntry[] = [];
    constructor(public cb: (list: { getEntries(): PerformanceEntry[] }) => void) {}
    observe(o: any) {
      this.opts.push(o);
      live.add(this);
      if (o.buffered) this.pending.push(...(buffer[o.type] ?? []).filter((e) => passes(e, o)));
    }
    takeRecords() {
      return this.pending.splice(0);
    }
    disconnect() {
      live.delete(this);
    }
  }
  return {
    PerformanceObserver: FakeObserver,
    live,
    /** The browser records an entry (startTime, duration… as given). */
    emit(entryType: string, entry: Record<string, unknown>) {
      const e = { entryType, name: entryType, duration: 0, startTime: 0, ...entry } as unknown as PerformanceEntry;
      (buffer[entryType] ??= []).push(e);
      for (const po of live) if (po.opts.some((o) => o.type == entryType && passes(e, o))) po.pending.push(e);
    },
    /** The browser's task that calls observers with what they have pending. */
    deliver() {
      for (const po of live) {
        const list = po.takeRecords();
        if (list.length) po.cb({ getEntries: () => list });
      }
    },
  };
}
