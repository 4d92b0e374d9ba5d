import { gunzipSync, inflateSync, brotliDecompressSync } from 'node:zlib';

/**
 * Turns one request of any peer's wire format into the JSON values it carries.
 *
 * Peers encode differently: Sabu and Segment send JSON (Sabu gzips over 1 KB),
 * PostHog gzips with `?compression=gzip-js` (no Content-Encoding header) or sends
 * `data=<base64>`, Mixpanel sends a form `data=<JSON or base64>`, Snowplow nests the
 * event's own JSON as a string (`ue_pr`, or base64 `ue_px`). We decode layer by layer
 * and never trust one header, so a peer cannot be under-counted by a quirk.
 */
export function decodeRequest(body, headers, url) {
  const values = [];
  const query = new URL(url, 'http://x').searchParams;
  for (const [k, v] of query) if (k == 'data' || k == 'ue_pr' || k == 'ue_px') values.push(...decodeText(v));
  if (body.length) values.push(...decodeText(bytesToText(unwrap(body, headers['content-encoding']))));
  return values;
}

function unwrap(body, encoding) {
  try {
    if (body[0] == 0x1f && body[1] == 0x8b) return gunzipSync(body);
    if (encoding == 'deflate') return inflateSync(body);
    if (encoding == 'br') return brotliDecompressSync(body);
  } catch {
    /* not what it claimed: read it as it is */
  }
  return body;
}

const bytesToText = (b) => b.toString('utf8');

const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** JSON, a form body, or base64 of either. */
function decodeText(text) {
  const t = text.trim();
  if (!t) return [];
  if (t[0] == '{' || t[0] == '[') {
    try {
      return [JSON.parse(t)];
    } catch {
      /* fall through */
    }
  }
  if (/^[\w.%-]+=/.test(t) && !BASE64.test(t)) {
    const out = [];
    for (const [, v] of new URLSearchParams(t)) out.push(...decodeText(v));
    return out;
  }
  if (t.length >= 8 && BASE64.test(t)) {
    try {
      const inner = Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
      const unwrapped = unwrap(inner);
      const s = bytesToText(unwrapped).trim();
      if (s[0] == '{' || s[0] == '[') return decodeText(s);
    } catch {
      /* not base64 after all */
    }
  }
  return [];
}

/**
 * Finds the benchmark's own markers (`bench_run`, `bench_n` in the event properties)
 * wherever a peer put them, including inside JSON that was itself a string.
 * @returns {{run: string, n: number}[]}
 */
export function findMarkers(value, out = []) {
  if (typeof value == 'string') {
    const s = value.trim();
    if ((s[0] == '{' || s[0] == '[') && s.includes('bench_run')) for (const v of decodeText(s)) findMarkers(v, out);
    else if (s.length > 40 && BASE64.test(s)) for (const v of decodeText(s)) findMarkers(v, out);
    return out;
  }
  if (!value || typeof value != 'object') return out;
  if (Array.isArray(value)) {
    for (const v of value) findMarkers(v, out);
    return out;
  }
  if (typeof value.bench_run == 'string' && typeof value.bench_n == 'number') {
    out.push({ run: value.bench_run, n: value.bench_n });
    return out;
  }
  for (const k in value) findMarkers(value[k], out);
  return out;
}
