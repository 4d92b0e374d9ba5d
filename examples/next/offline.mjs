// Loaded into each Next.js process the example starts (NODE_OPTIONS=--import). `next dev`
// asks registry.npmjs.org for Next's newest version whenever a browser connects, with no
// setting to turn that off (next/dist/server/dev/hot-reloader-shared-utils.js); here a
// fetch() to anything but this machine fails at once (Next then shows the version check as
// "unknown"), so the example and its tests only ever talk to 127.0.0.1.
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;
const fetchOnline = globalThis.fetch;

globalThis.fetch = function fetch(input, init) {
  let host;
  try {
    host = new URL(input instanceof Request ? input.url : String(input)).hostname;
  } catch {
    return fetchOnline(input, init); // not an absolute URL: fetch's own error
  }
  if (!LOOPBACK.test(host)) {
    if (process.env.SABU_OFFLINE_LOG) console.error(`[offline] refused ${host}`);
    return Promise.reject(new TypeError(`offline: ${host} is not on this machine (examples/next/offline.mjs)`));
  }
  return fetchOnline(input, init);
};
