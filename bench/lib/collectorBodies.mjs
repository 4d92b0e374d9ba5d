import { gzipSync } from 'node:zlib';

/**
 * Request bodies made before the clock starts, so the load generator does little more
 * than write bytes: each is a gzip'd batch of `batch` SDK-like events with fresh message
 * ids (the database does real inserts, not dedupe hits), as the SDK sends them. Shared by
 * the collector bench and the ingest floor (bench/duckdbFloor.mjs --parse).
 */
export function buildBodies(count, tag, { batch: size = 100, writeKey = 'wk_bench_0001_public' } = {}) {
  const now = Date.now();
  const bodies = [];
  let raw = 0;
  for (let b = 0; b < count; b++) {
    const sentAt = new Date(now).toISOString();
    const batch = [];
    for (let i = 0; i < size; i++) {
      const u = (b * 7 + i) % 5000;
      batch.push({
        type: i % 25 == 0 ? 'identify' : 'track',
        ...(i % 25 == 0 ? { traits: { plan: ['free', 'pro', 'enterprise'][u % 3], created_at: new Date(now - u * 3_600_000).toISOString() } } : { event: i % 10 ? 'Feature Used' : 'Page Viewed', properties: { feature: `f${i % 7}`, first_use: false } }),
        messageId: `${tag}-${b}-${i}`,
        timestamp: new Date(now - (size - i) * 10).toISOString(),
        anonymousId: `anon-${u}`,
        userId: `user-${u}`,
        context: { page: { url: 'http://127.0.0.1/app', path: '/app', title: 'App' }, library: { name: 'sabu', version: '0.1.0' }, locale: 'en-US', sessionId: `s-${u}-${b >> 6}` },
      });
    }
    const json = JSON.stringify({ batch, sentAt, writeKey });
    raw += json.length;
    bodies.push(gzipSync(json));
  }
  return { bodies, rawBytes: raw / count, gzipBytes: bodies.reduce((s, x) => s + x.length, 0) / count };
}
