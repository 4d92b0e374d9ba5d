/*
 * The floor: the least a tracker can do. track() pushes to an array; every 100 events,
 * and when the page is hidden or left, the array goes out as JSON (fetch keepalive,
 * falling back to sendBeacon). No ids, no retries, no storage: it shows the limit,
 * not a product.
 */
(function () {
  var queue = [];
  var endpoint = '';
  function send() {
    if (!queue.length) return;
    var body = JSON.stringify({ batch: queue });
    queue = [];
    try {
      fetch(endpoint, { method: 'POST', body: body, keepalive: true, headers: { 'Content-Type': 'text/plain' } }).catch(function () {});
    } catch (e) {
      navigator.sendBeacon(endpoint, body);
    }
  }
  window.floor = {
    init: function (o) {
      endpoint = o.endpoint;
      addEventListener('pagehide', send);
      document.addEventListener('visibilitychange', function () {
        if (document.visibilityState == 'hidden') send();
      });
    },
    track: function (event, properties) {
      queue.push({ event: event, properties: properties, timestamp: Date.now() });
      if (queue.length >= 100) send();
    },
  };
})();
