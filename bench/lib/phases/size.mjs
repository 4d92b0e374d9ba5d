import { readFileSync, existsSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

/** Raw, gzip (level 9) and brotli (quality 11) bytes of files served together. */
export function sizeOf(files) {
  const present = files.filter((f) => existsSync(f));
  if (!present.length || present.length < files.length) return null;
  let raw = 0, gzip = 0, brotli = 0;
  for (const f of present) {
    const b = readFileSync(f);
    raw += b.length;
    gzip += gzipSync(b, { level: 9 }).length;
    brotli += brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return { raw, gzip, brotli, files: present };
}
