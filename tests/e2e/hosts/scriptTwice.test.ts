import { describeHost } from './journeys';

describeHost({
  name: 'twice',
  title: 'the snippet and script tag included twice',
  // Issue 12 item 7: the second copy stands down and says so, once.
  allowedLogs: /^\[sabu\] Sabu [\d.]+ already runs on this page; this copy stands down/,
});
