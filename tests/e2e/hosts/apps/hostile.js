// What a careless or old host page does to the globals before Sabu loads (the hostile-js
// host). Each is a pattern found in the field:
// - Prototype.js 1.6 style: enumerable methods added to Array.prototype (they show up in
//   `for…in`), and an Array#toJSON that returns a string, so JSON.stringify([1, 2]) is
//   '"[1, 2]"', a string, not an array.
// - JSON.stringify and fetch wrapped by instrumentation (counting calls); the host can
//   make them throw (`hostBreak({ json: true, fetch: true })`), as a buggy wrapper or an
//   offline mock does.
(function () {
  var ap = Array.prototype;
  ap.each = function (fn) { for (var i = 0; i < this.length; i++) fn(this[i], i); };
  ap.first = function () { return this[0]; };
  ap.last = function () { return this[this.length - 1]; };
  ap.compact = function () { return this.filter(function (x) { return x != null; }); };
  ap.toJSON = function () {
    var out = [];
    this.each(function (v) { out.push(nativeStringify(v)); });
    return '[' + out.join(', ') + ']';
  };

  var nativeStringify = JSON.stringify;
  var nativeFetch = window.fetch;
  var broken = {};
  window.hostCalls = { stringify: 0, fetch: 0 };
  window.hostBreak = function (which) { broken = which || {}; };
  JSON.stringify = function (value, replacer, space) {
    window.hostCalls.stringify++;
    if (broken.json) throw new TypeError('host JSON.stringify wrapper failed');
    return nativeStringify.call(JSON, value, replacer, space);
  };
  window.fetch = function (input, init) {
    window.hostCalls.fetch++;
    if (broken.fetch) throw new TypeError('host fetch wrapper failed');
    return nativeFetch.call(window, input, init);
  };
})();
