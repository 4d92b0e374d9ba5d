/*
 * The floor: the least a tracker can do. track() pushes to an array; every 100 events
 * the array goes out as JSON with fetch, and when the page is hidden or left, with
 * sendBeacon (fetch keepalive where a beacon is refused). No ids, no retries, no
 * storage: it shows the limit, not a product.
 */
(function () {
  var queue = [];
  var endpoint = '';
  function take() {
    var body = JSON.stringify({ batch: queue });
    queue = [];
    return body;
  }
  function send() {
    if (queue.length) fetch(endpoint, { method: 'POST', body: take(), headers: { 'Content-Type': 'text/plain' } }).catch(function () {});
  }
  function sendAtExit() {
    if (!queue.length) return;
    var body = take();
    if (!navigator.sendBeacon(endpoint, body)) fetch(endpoint, { method: 'POST', body: body, keepalive: true }).catch(function () {});
  }
  window.floor = {
    init: function (o) {
      endpoint = o.endpoint;
      addEventListener('pagehide', sendAtExit);
      document.addEventListener('visibilitychange', function () {
        if (document.visibilityState == 'hidden') sendAtExit();
      });
    },
    track: function (event, properties) {
      queue.push({ event: event, properties: properties, timestamp: Date.now() });
      if (queue.length >= 100) send();
    },
  };
})();
