/**
 * Segment's clock-skew correction: the browser's clock may be off, but the gap between
 * an event and the moment the batch was sent is measured on that same clock, so
 * `timestamp = receivedAt - (sentAt - originalTimestamp)` is on the server's clock.
 * Without a `sentAt` there is nothing to correct with and the original time stands.
 * https://segment.com/docs/connections/spec/common/#timestamp-overview
 */
export function correctSkew(originalTimestamp: number, sentAt: number | undefined, receivedAt: number): number {
  if (sentAt === undefined || !Number.isFinite(sentAt)) return originalTimestamp;
  return receivedAt - (sentAt - originalTimestamp);
}
