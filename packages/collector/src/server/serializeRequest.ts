import type { FastifyRequest } from 'fastify';

/**
 * A request as the log shows it: Fastify's fields, with a read key given as `?key=` (the
 * dashboard's links) replaced, so a log with `SABU_LOG_LEVEL=info` never holds a secret.
 * Headers are not logged at all (the `Authorization` bearer key stays out too).
 */
export function serializeRequest(req: FastifyRequest) {
  return {
    method: req.method,
    url: redactKey(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

/** `/v1/reports/ttv?key=rk_…&by=plan` → `/v1/reports/ttv?key=(redacted)&by=plan`. */
export function redactKey(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  return url.slice(0, q) + url.slice(q).replace(/([?&])(key)=[^&#]*/gi, '$1$2=(redacted)');
}
