// A host page using Segment's own browser library (@segment/analytics-next, the real npm
// package, bundled by esbuild as an app would) pointed at Sabu's collector. The settings a
// user changes are the ones docs/collector.md lists: the write key, `apiHost` + `protocol`
// for the Segment.io destination, and inline `cdnSettings` so nothing is fetched from
// Segment's CDN.
import { AnalyticsBrowser } from '@segment/analytics-next';

const q = new URLSearchParams(location.search);
const writeKey = q.get('writeKey');

window.analytics = AnalyticsBrowser.load(
  {
    writeKey,
    cdnSettings: { integrations: { 'Segment.io': { apiKey: writeKey } }, metrics: { sampleRate: 0 } },
  },
  {
    integrations: {
      'Segment.io': {
        apiHost: q.get('apiHost'),
        protocol: 'http',
        // ?batching: the library's batching delivery strategy, which posts to {apiHost}/b.
        ...(q.has('batching') ? { deliveryStrategy: { strategy: 'batching', config: { size: 3, timeout: 500 } } } : {}),
      },
    },
  },
);
